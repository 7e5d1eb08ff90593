import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Migration } from 'kysely';
import type { PermissionTable } from './access/policy.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Db, DialectName } from './db/index.ts';
import type { IndicatorDefinition } from './indicators.ts';
import type { TabularEntity } from './tabular/types.ts';

/** The Fastify instance routes are registered on, typed by the zod schemas. */
export type Api = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** The platform's view of the region tree, provided by the regions module at start. */
export interface RegionRef {
  code: string;
  name: string;
  level: string;
  path: string;
}

export interface RegionLookup {
  get(code: string): Promise<RegionRef | null>;
}

/** What every service is handed: the database and the platform's shared parts. */
export interface AppContext {
  regions: RegionLookup;
  db: Db;
  /** Reads that must not queue behind a long write (see DatabaseHandle.readDb). */
  readDb: Db;
  dialect: DialectName;
  /** A moment's pause asked of writers that can choose when to write (see DatabaseHandle.writePause). */
  writePause(): Promise<void> | null;
  config: Config;
  clock: Clock;
  log: FastifyBaseLogger;
  modules: readonly ModuleManifest[];
  permissions: PermissionTable;
}

export interface DemoProgress {
  (message: string): void;
}

/** A background sweep: idempotent, safe to run on several instances at once. */
export interface Sweep {
  id: string;
  everySeconds: number;
  run(ctx: AppContext): Promise<number>;
}

/**
 * What a module gives the platform. A new capability is a new folder with a manifest plus one
 * line in `server/modules/index.ts`.
 */
export interface ModuleManifest {
  name: string;
  label: { zh: string; en: string };
  /** Named `YYYYMMDDHHMM_module_what`; frozen once landed. */
  migrations?: Record<string, Migration>;
  permissions?: PermissionTable;
  routes?: (app: Api, ctx: AppContext) => void | Promise<void>;
  indicators?: readonly IndicatorDefinition[];
  tabular?: readonly TabularEntity[];
  /** Reference data every deployment has (the region tree); idempotent, runs after migrations. */
  reference?: (ctx: AppContext) => Promise<void>;
  /** The module's part of the deterministic demo dataset; runs in module order. */
  demo?: (ctx: AppContext, progress: DemoProgress) => Promise<void>;
  sweeps?: readonly Sweep[];
}
