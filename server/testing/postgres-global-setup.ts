import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded-postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

/**
 * The PostgreSQL run of the integration suite needs a server: the one DATABASE_URL names, or a
 * real PostgreSQL started from the embedded-postgres package. Failing to get one fails the run.
 */
export default async function setup(project: TestProject) {
  if (process.env.DATABASE_URL) {
    project.provide('pgAdminUrl', process.env.DATABASE_URL);
    return;
  }
  let pg: EmbeddedServer;
  try {
    pg = await startEmbeddedPostgres({ settings: ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'max_connections=300'] });
  } catch (error) {
    throw new Error(`PostgreSQL could not be started for the integration suite: ${String(error)}`, { cause: error });
  }
  project.provide('pgAdminUrl', pg.url());
  return () => pg.stop();
}
