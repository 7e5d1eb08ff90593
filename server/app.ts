import type { Migration } from 'kysely';
import pino from 'pino';
import { mergePermissionTables } from './platform/access/policy.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import { loadConfig, type Config } from './platform/config.ts';
import { openDatabase, type DatabaseHandle } from './platform/db/index.ts';
import { migrateToLatest } from './platform/db/migrator.ts';
import { buildHttp } from './platform/http/app.ts';
import type { Api, AppContext, ModuleManifest } from './platform/module.ts';
import { startScheduler } from './platform/scheduler.ts';
import { MODULES } from './modules/index.ts';
import { regionLookup } from './modules/regions/service.ts';

export interface Gongzhi {
  ctx: AppContext;
  database: DatabaseHandle;
  /** Built on demand by `http()`. */
  http(): Promise<Api>;
  /** Run the modules' sweeps in this process (a serving process does; tests and the CLI do not). */
  startScheduler(): void;
  close(): Promise<void>;
}

export function allMigrations(modules: readonly ModuleManifest[]): Record<string, Migration> {
  const all: Record<string, Migration> = {};
  for (const m of modules) {
    for (const [name, migration] of Object.entries(m.migrations ?? {})) {
      if (name in all) throw new Error(`migration ${name} is declared twice`);
      all[name] = migration;
    }
  }
  return all;
}

export interface OpenOptions {
  config?: Config;
  clock?: Clock;
  modules?: readonly ModuleManifest[];
  /** Apply migrations and load reference data (default true). */
  migrate?: boolean;
  logLevel?: string;
  poolSize?: number;
}

/** The composition root: config → database → migrations → modules. HTTP and the scheduler are opt-in. */
export async function openGongzhi(options: OpenOptions = {}): Promise<Gongzhi> {
  const config = options.config ?? loadConfig();
  const modules = options.modules ?? MODULES;
  const logger = pino({ level: options.logLevel ?? config.logLevel, base: undefined });
  const database = openDatabase(config, { poolSize: options.poolSize });
  const ctx: AppContext = {
    db: database.db,
    readDb: database.readDb,
    dialect: database.dialect,
    writePause: () => database.writePause(),
    config,
    clock: options.clock ?? systemClock,
    log: logger,
    modules,
    permissions: mergePermissionTables(modules.map((m) => m.permissions ?? {})),
    regions: regionLookup({ db: database.db }),
  };
  if (options.migrate !== false) {
    await migrateToLatest(database.db, allMigrations(modules));
    for (const m of modules) if (m.reference) await m.reference(ctx);
  }
  let http: Api | null = null;
  let stopScheduler: (() => Promise<void>) | null = null;
  return {
    ctx,
    database,
    async http() {
      if (!http) {
        http = await buildHttp(ctx, logger);
        for (const m of modules) if (m.routes) await m.routes(http, ctx);
        await http.ready();
      }
      return http;
    },
    startScheduler() {
      stopScheduler ??= startScheduler(ctx, modules.flatMap((m) => m.sweeps ?? []));
    },
    async close() {
      if (stopScheduler) await stopScheduler();
      if (http) await http.close();
      await database.close();
    },
  };
}
