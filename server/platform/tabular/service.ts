import { can } from '../access/policy.ts';
import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/service.ts';
import { AppError, forbidden, type ErrorDetail } from '../http/errors.ts';
import { newId } from '../ids.ts';
import type { Bilingual } from '../indicators.ts';
import type { AppContext } from '../module.ts';
import { detectFormat, parseSpreadsheet } from './parse.ts';
import type { CellType, ImportOutcome, ImportSummary, RowError, TabularEntity } from './types.ts';
import { CONTENT_TYPES, writeTable, writeTemplate, type TableFormat } from './write.ts';

/**
 * Spreadsheets for every module: the registry of the entities modules declare, export, the
 * import template, and all-or-nothing import with a dry run and progress.
 */

export type TabularAction = 'export' | 'import';

/** At most this many row errors are kept and reported; a wrong column in 70,000 rows says enough in 1,000. */
export const MAX_REPORTED_ERRORS = 1000;

/* ---------- the registry ---------- */

const registries = new WeakMap<AppContext, ReadonlyMap<string, TabularEntity>>();

/** Every tabular entity the modules declare, by id. */
export function tabularEntities(ctx: AppContext): ReadonlyMap<string, TabularEntity> {
  let registry = registries.get(ctx);
  if (!registry) {
    const map = new Map<string, TabularEntity>();
    for (const entity of ctx.modules.flatMap((m) => m.tabular ?? [])) {
      if (map.has(entity.id)) throw new Error(`tabular entity ${entity.id} is declared twice`);
      map.set(entity.id, entity);
    }
    registry = map;
    registries.set(ctx, registry);
  }
  return registry;
}

const unknownEntity = () => new AppError(404, 'not_found', '未找到该表格 No such table');

export function findEntity(ctx: AppContext, id: string): TabularEntity {
  const entity = tabularEntities(ctx).get(id);
  if (!entity) throw unknownEntity();
  return entity;
}

/** Whether the actor holds the entity's own permission for the action; the platform itself always does. */
export function mayUse(ctx: AppContext, actor: Actor, entity: TabularEntity, action: TabularAction): boolean {
  if (action === 'import' && !entity.importRows) return false;
  if (actor.kind === 'system') return true;
  const permission = action === 'export' ? entity.permissions.export : entity.permissions.import;
  return permission !== undefined && can(ctx.permissions, actor, permission);
}

/** The entity, if the actor may use it for the action: 404 when there is no such table (or it takes no imports), 403 when not permitted. */
export function authorize(ctx: AppContext, actor: Actor, entityId: string, action: TabularAction): TabularEntity {
  const entity = findEntity(ctx, entityId);
  if (action === 'import' && !entity.importRows) throw new AppError(404, 'not_found', '该表格不支持导入 This table cannot be imported');
  if (!mayUse(ctx, actor, entity, action)) throw forbidden();
  return entity;
}

export interface ColumnDescription {
  key: string;
  header: Bilingual;
  type: CellType;
  required: boolean;
  options?: { value: string; label: string }[];
  maxLength?: number;
  example?: string;
  note?: string;
}

export interface EntityDescription {
  id: string;
  label: Bilingual;
  columns: ColumnDescription[];
  canImport: boolean;
  canExport: boolean;
}

/** The tables the actor may export or import, with their columns (for the UI's import dialog). */
export function listEntities(ctx: AppContext, actor: Actor): EntityDescription[] {
  const items: EntityDescription[] = [];
  for (const entity of tabularEntities(ctx).values()) {
    const canExport = mayUse(ctx, actor, entity, 'export');
    const canImport = mayUse(ctx, actor, entity, 'import');
    if (!canExport && !canImport) continue;
    items.push({
      id: entity.id,
      label: entity.label,
      columns: entity.columns.map((c) => ({
        key: c.key,
        header: c.header,
        type: c.type,
        required: c.required === true,
        ...(c.options ? { options: c.options.map((value) => ({ value, label: c.optionLabels?.[value] ?? value })) } : {}),
        ...(c.maxLength === undefined ? {} : { maxLength: c.maxLength }),
        ...(c.example === undefined ? {} : { example: c.example }),
        ...(c.note === undefined ? {} : { note: c.note }),
      })),
      canImport,
      canExport,
    });
  }
  return items;
}

/* ---------- files out ---------- */

export interface TabularFile {
  /** For people: the table's Chinese name, e.g. 网格与微网格-导入模板.xlsx. */
  filename: string;
  /** For clients that cannot read the UTF-8 name. */
  asciiFilename: string;
  contentType: string;
  body: Buffer;
}

function file(name: string, asciiName: string, format: TableFormat, body: Buffer): TabularFile {
  return { filename: `${name}.${format}`, asciiFilename: `${asciiName}.${format}`, contentType: CONTENT_TYPES[format], body };
}

/** The rows the actor may see, filtered as a list route filters them, as a spreadsheet. Audited, as exports leave the system. */
export async function exportEntity(ctx: AppContext, actor: Actor, entityId: string, format: TableFormat, filters: Record<string, string>): Promise<TabularFile> {
  const entity = authorize(ctx, actor, entityId, 'export');
  const rows = await entity.exportRows(ctx, actor, filters);
  const body = await writeTable(entity, rows, format);
  await ctx.db.transaction().execute((trx) =>
    recordAudit(trx, ctx, actor, { action: 'tabular.export', entity: 'tabular', entityId: entity.id, after: { format, rows: rows.length, filters } }),
  );
  const day = ctx.clock.now().toISOString().slice(0, 10).replaceAll('-', '');
  return file(`${entity.label.zh}-${day}`, `${entity.id}-${day}`, format, body);
}

/** The import template: for anyone who may export or import the table. */
export async function template(ctx: AppContext, actor: Actor, entityId: string, format: TableFormat): Promise<TabularFile> {
  const entity = findEntity(ctx, entityId);
  if (!mayUse(ctx, actor, entity, 'export') && !mayUse(ctx, actor, entity, 'import')) throw forbidden();
  return file(`${entity.label.zh}-导入模板`, `${entity.id}-template`, format, await writeTemplate(entity, format));
}

/* ---------- import ---------- */

export interface ImportOptions {
  dryRun: boolean;
  /** Rows written so far out of the rows in the file; called often, so keep it cheap. */
  onProgress?: (processed: number, total: number) => void;
}

/** Thrown inside the transaction to roll it back on a dry run or a rejected file; never escapes this module. */
class Rollback extends Error {}

/** Row errors (or warnings) in row order, at most `MAX_REPORTED_ERRORS` and a line saying how many more. */
function capRows(rows: readonly RowError[], noun: { zh: string; en: string } = { zh: '错误', en: 'errors' }): RowError[] {
  const sorted = [...rows].sort((a, b) => a.row - b.row);
  if (sorted.length <= MAX_REPORTED_ERRORS) return sorted;
  const kept = sorted.slice(0, MAX_REPORTED_ERRORS);
  const more = sorted.length - MAX_REPORTED_ERRORS;
  kept.push({ row: sorted[MAX_REPORTED_ERRORS]!.row, message: `…… 另有 ${more} 处${noun.zh}未列出 and ${more} more ${noun.en}` });
  return kept;
}

async function importInto(ctx: AppContext, actor: Actor, entity: TabularEntity, buffer: Buffer, options: ImportOptions): Promise<ImportSummary> {
  const parsed = await parseSpreadsheet(entity.columns, buffer);
  const total = parsed.total;
  options.onProgress?.(0, total);
  const summary = ({ created, updated, errors, warnings }: ImportOutcome, applied: boolean): ImportSummary => ({
    total,
    created,
    updated,
    errors: capRows(errors),
    warnings: capRows(warnings ?? [], { zh: '提醒', en: 'warnings' }),
    dryRun: options.dryRun,
    applied,
  });
  const importRows = entity.importRows!;
  if (parsed.errors.length > 0) {
    // Check the rows that did read well too (and roll back), so that one upload lists every
    // problem rather than one kind at a time.
    let checked: RowError[] = [];
    if (parsed.rows.length > 0) {
      try {
        await ctx.db.transaction().execute(async (trx) => {
          checked = (await importRows(ctx, trx, actor, parsed.rows, (done) => options.onProgress?.(done, total))).errors;
          throw new Rollback();
        });
      } catch (error) {
        if (!(error instanceof Rollback)) throw error;
      }
    }
    return summary({ created: 0, updated: 0, errors: [...parsed.errors, ...checked] }, false);
  }

  let outcome: ImportOutcome = { created: 0, updated: 0, errors: [] };
  try {
    // One transaction for the whole file: every row lands, or none does.
    await ctx.db.transaction().execute(async (trx) => {
      outcome = await importRows(ctx, trx, actor, parsed.rows, (done) => options.onProgress?.(done, total));
      if (outcome.errors.length > 0 || options.dryRun) throw new Rollback();
      await recordAudit(trx, ctx, actor, {
        action: 'tabular.import',
        entity: 'tabular',
        entityId: entity.id,
        after: { format: parsed.format, total, created: outcome.created, updated: outcome.updated },
      });
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
    return summary(outcome, false);
  }
  options.onProgress?.(total, total);
  return summary(outcome, true);
}

/**
 * Read the file and write all its rows in one transaction, or none of them: on a dry run, or when
 * any row is bad, the transaction is rolled back and the summary tells what would have happened.
 */
export async function runImport(ctx: AppContext, actor: Actor, entityId: string, buffer: Buffer, options: ImportOptions): Promise<ImportSummary> {
  const entity = authorize(ctx, actor, entityId, 'import');
  return importInto(ctx, actor, entity, buffer, options);
}

function describeError(error: RowError): string {
  return `第 ${error.row} 行${error.column ? `「${error.column}」` : ''}：${error.message}`;
}

/** The 422 for a file with bad rows: the first problem in the message, every problem in the details. */
export function importFailure(summary: ImportSummary): AppError {
  const errors = summary.errors;
  const count = errors.length;
  const first = errors[0];
  const message = first
    ? `导入失败，未写入任何数据：${describeError(first)}${count > 1 ? `；共 ${count} 处错误` : ''} Import failed, nothing was written`
    : '导入失败，未写入任何数据 Import failed, nothing was written';
  const details: ErrorDetail[] = errors.map((e) => ({ row: e.row, ...(e.column ? { column: e.column } : {}), message: e.message }));
  return new AppError(422, 'import_failed', message, details, { summary });
}

/* ---------- background imports and their progress ---------- */

export interface ImportJob {
  id: string;
  entity: string;
  status: 'running' | 'done' | 'failed';
  dryRun: boolean;
  processed: number;
  total: number;
  summary?: ImportSummary;
  /** Why the job failed: the same body a waiting request would have received. */
  error?: { code: string; message: string; details: ErrorDetail[] };
  startedAt: string;
  finishedAt: string | null;
}

interface JobEntry {
  owner: string;
  job: ImportJob;
}

const MAX_JOBS = 100;

/**
 * Jobs live in this process's memory, per app context: a restart forgets them, and behind a load
 * balancer only the instance that accepted the upload knows the job. The client polls the URL the
 * upload returned, so deployments with several instances need sticky sessions (or a shared job
 * store) for progress; the import itself is unaffected, since it commits or rolls back in the
 * database on its own.
 */
const jobRegistries = new WeakMap<AppContext, Map<string, JobEntry>>();

function jobsOf(ctx: AppContext): Map<string, JobEntry> {
  let jobs = jobRegistries.get(ctx);
  if (!jobs) {
    jobs = new Map();
    jobRegistries.set(ctx, jobs);
  }
  return jobs;
}

const ownerOf = (actor: Actor) => actor.userId ?? `${actor.kind}:${actor.username ?? ''}`;

/** Keep the last MAX_JOBS jobs, forgetting finished ones first. */
function remember(jobs: Map<string, JobEntry>, entry: JobEntry): void {
  jobs.set(entry.job.id, entry);
  while (jobs.size > MAX_JOBS) {
    const oldestFinished = [...jobs.values()].find((e) => e.job.status !== 'running');
    jobs.delete((oldestFinished ?? jobs.values().next().value!).job.id);
  }
}

/**
 * Accept an import to run in the background. Unknown tables, missing permission and files that are
 * not spreadsheets are refused at once; everything after that is reported through the job.
 */
export function startImportJob(ctx: AppContext, actor: Actor, entityId: string, buffer: Buffer, options: { dryRun: boolean }): ImportJob {
  const entity = authorize(ctx, actor, entityId, 'import');
  detectFormat(buffer);
  const job: ImportJob = {
    id: newId(),
    entity: entity.id,
    status: 'running',
    dryRun: options.dryRun,
    processed: 0,
    total: 0,
    startedAt: ctx.clock.now().toISOString(),
    finishedAt: null,
  };
  remember(jobsOf(ctx), { owner: ownerOf(actor), job });
  const onProgress = (processed: number, total: number) => {
    job.processed = processed;
    job.total = total;
  };
  void importInto(ctx, actor, entity, buffer, { dryRun: options.dryRun, onProgress })
    .then(
      (summary) => {
        job.summary = summary;
        if (summary.errors.length > 0) job.error = importFailure(summary).toBody().error;
        job.status = summary.errors.length > 0 ? 'failed' : 'done';
        job.finishedAt = ctx.clock.now().toISOString();
      },
      (error: unknown) => {
        if (!(error instanceof AppError)) ctx.log.error({ err: error, job: job.id }, 'import job failed');
        const appError = error instanceof AppError ? error : new AppError(500, 'internal_error', '服务器内部错误 Internal error');
        job.error = { code: appError.code, message: appError.message, details: appError.details };
        job.status = 'failed';
        job.finishedAt = ctx.clock.now().toISOString();
      },
    );
  return { ...job };
}

/** A job, for the user who started it only; anyone else is told it does not exist. */
export function getImportJob(ctx: AppContext, actor: Actor, id: string): ImportJob {
  const entry = jobsOf(ctx).get(id);
  if (!entry || entry.owner !== ownerOf(actor)) throw new AppError(404, 'not_found', '未找到该导入任务 No such import job');
  return { ...entry.job };
}
