import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { systemActor } from '../auth/actor.ts';
import type { AppContext } from '../module.ts';
import { exportEntity, runImport } from './service.ts';
import type { ImportSummary } from './types.ts';
import type { TableFormat } from './write.ts';

/** `gongzhi import` and `gongzhi export`: the same service as the web, acting as the platform itself. */

const PROGRESS_EVERY_MS = 500;
const ERRORS_SHOWN = 50;
const USAGE = 64;

function err(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** At most one progress line every half second, however often the import reports. */
function progressPrinter(now: () => number = Date.now) {
  let last = 0;
  return (processed: number, total: number) => {
    const t = now();
    if (t - last < PROGRESS_EVERY_MS && processed < total) return;
    last = t;
    const percent = total === 0 ? 100 : Math.floor((processed / total) * 100);
    err(`导入 Importing: ${processed}/${total} rows (${percent}%)`);
  };
}

function printSummary(summary: ImportSummary): void {
  if (summary.errors.length > 0) {
    for (const e of summary.errors.slice(0, ERRORS_SHOWN)) err(`第 ${e.row} 行${e.column ? ` [${e.column}]` : ''}: ${e.message}`);
    const more = summary.errors.length - ERRORS_SHOWN;
    if (more > 0) err(`… and ${more} more`);
    err(`导入失败，未写入任何数据 Import failed: ${summary.errors.length} error(s) in ${summary.total} rows, nothing was written`);
    return;
  }
  for (const w of summary.warnings.slice(0, ERRORS_SHOWN)) err(`提醒 Warning, 第 ${w.row} 行${w.column ? ` [${w.column}]` : ''}: ${w.message}`);
  const counts = `共 ${summary.total} 行：新增 ${summary.created}，更新 ${summary.updated} — ${summary.total} rows: ${summary.created} created, ${summary.updated} updated`;
  if (summary.dryRun) err(`试运行通过，未写入任何数据 Dry run passed, nothing was written. ${counts}`);
  else err(`导入完成 Imported. ${counts}`);
}

export async function importCommand(ctx: AppContext, entity: string, file: string, options: { dryRun: boolean }): Promise<number> {
  if (!existsSync(file)) {
    err(`找不到文件 File not found: ${file}`);
    return USAGE;
  }
  const buffer = readFileSync(file);
  err(`读取 Reading ${file}${options.dryRun ? '（试运行 dry run）' : ''}…`);
  const summary = await runImport(ctx, systemActor, entity, buffer, { dryRun: options.dryRun, onProgress: progressPrinter() });
  printSummary(summary);
  return summary.errors.length > 0 ? 1 : 0;
}

function parseFilters(pairs: readonly string[]): Record<string, string> | null {
  const filters: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) return null;
    filters[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return filters;
}

export async function exportCommand(ctx: AppContext, entity: string, options: { format: string; out?: string; filters: string[] }): Promise<number> {
  if (options.format !== 'xlsx' && options.format !== 'csv') {
    err(`--format 应为 xlsx 或 csv --format must be xlsx or csv, got "${options.format}"`);
    return USAGE;
  }
  const filters = parseFilters(options.filters);
  if (!filters) {
    err('--filter 应为 key=value --filter takes key=value');
    return USAGE;
  }
  const file = await exportEntity(ctx, systemActor, entity, options.format as TableFormat, filters);
  if (options.out) {
    writeFileSync(options.out, file.body);
    err(`已导出 Exported to ${options.out} (${file.body.length} bytes)`);
  } else {
    // Wait until the bytes are handed over: the CLI exits right after this returns.
    await new Promise<void>((resolve, reject) => process.stdout.write(file.body, (e) => (e ? reject(e) : resolve())));
  }
  return 0;
}
