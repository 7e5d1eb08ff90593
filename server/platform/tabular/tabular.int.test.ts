import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, type Session, type TestApp } from '../../testing/harness.ts';

const DAWAN = '510113002000'; // 大弯街道
const YIHU = '510113002001'; // 怡湖社区
const SHIJIANIAN = '510113002002'; // 石家碾社区
const MIMOU = '510113102000'; // 弥牟镇
const HEADERS = ['编码', '名称', '层级', '上级编码', '边界 GeoJSON', '中心经度', '中心纬度'];

const square = (lng: number, lat: number, size = 0.002) =>
  JSON.stringify({
    type: 'Polygon',
    coordinates: [
      [
        [lng, lat],
        [lng + size, lat],
        [lng + size, lat + size],
        [lng, lat + size],
        [lng, lat],
      ],
    ],
  });
const OPEN_RING = JSON.stringify({ type: 'Polygon', coordinates: [[[104.2, 30.8], [104.21, 30.8], [104.21, 30.81], [104.2, 30.81]]] });

/** exceljs types its input as an ArrayBuffer. */
const arrayBuffer = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

let t: TestApp;
let admin: Session;
let dir: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.userSession('district_admin', ['510113000000']);
  dir = mkdtempSync(join(tmpdir(), 'gongzhi-tabular-'));
});
afterAll(async () => {
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A real .xlsx file on disk, as a user would pick it, read back as bytes. */
async function xlsxFile(name: string, rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('网格');
  for (const row of rows) sheet.addRow(row);
  const path = join(dir, name);
  await workbook.xlsx.writeFile(path);
  return readFileSync(path);
}

/** A multipart/form-data body, built by the platform's own FormData encoder. */
async function multipart(parts: { field: string; filename?: string; type?: string; data: Buffer | string }[]) {
  const form = new FormData();
  for (const p of parts) {
    if (p.filename) form.append(p.field, new Blob([typeof p.data === 'string' ? p.data : new Uint8Array(p.data)], { type: p.type ?? 'application/octet-stream' }), p.filename);
    else form.append(p.field, String(p.data));
  }
  const response = new Response(form);
  return { payload: Buffer.from(await response.arrayBuffer()), headers: { 'content-type': response.headers.get('content-type')! } };
}

async function upload(session: Session, entity: string, file: Buffer, query = 'wait=true', filename = 'grids.xlsx') {
  const body = await multipart([{ field: 'file', filename, data: file }]);
  return session.request({ method: 'POST', url: `/api/v1/tabular/${entity}/import?${query}`, ...body });
}

async function sheetRows(body: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(arrayBuffer(body));
  const rows: unknown[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

const regionCount = () => countRows(t, 'regions');

async function auditActions(entityId: string): Promise<string[]> {
  const rows = await t.gz.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', entityId).orderBy('seq').execute();
  return rows.map((r) => r.action);
}

describe('the tables a user may use', () => {
  it('lists the grid table with its columns, importable for admins only', async () => {
    const res = await admin.get('/api/v1/tabular');
    expect(res.statusCode).toBe(200);
    const grids = res.json().items.find((i: { id: string }) => i.id === 'regions.grids');
    expect(grids).toMatchObject({ label: { zh: '网格与微网格' }, canImport: true, canExport: true });
    expect(grids.columns.map((c: { header: { zh: string } }) => c.header.zh)).toEqual(HEADERS);
    expect(grids.columns.find((c: { key: string }) => c.key === 'level').options).toEqual([
      { value: 'grid', label: '网格' },
      { value: 'micro_grid', label: '微网格' },
    ]);
    const worker = await t.userSession('grid_worker', [YIHU]);
    const items = (await worker.get('/api/v1/tabular')).json().items;
    expect(items.find((i: { id: string }) => i.id === 'regions.grids')).toMatchObject({ canImport: false, canExport: true });
  });

  it('answers 401 without a session', async () => {
    expect((await t.request({ method: 'GET', url: '/api/v1/tabular' })).statusCode).toBe(401);
  });
});

describe('templates and exports', () => {
  it('offers an xlsx template whose header matches the columns, named in Chinese', async () => {
    const res = await admin.get('/api/v1/tabular/regions.grids/template?format=xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const disposition = String(res.headers['content-disposition']);
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)![1]!)).toBe('网格与微网格-导入模板.xlsx');
    const rows = await sheetRows(res.rawPayload);
    expect(rows[0]).toEqual(HEADERS);
    expect(rows[1]).toContain('网格');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(arrayBuffer(res.rawPayload));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['网格与微网格', '说明']);
  });

  it("refuses the template's example row as it stands, and takes it once it is filled in (dry run)", async () => {
    const template = await admin.get('/api/v1/tabular/regions.grids/template?format=xlsx');
    const unchanged = await upload(admin, 'regions.grids', template.rawPayload, 'dryRun=true&wait=true');
    expect(unchanged.statusCode).toBe(422);
    expect(unchanged.json().error.details).toEqual([{ row: 2, message: expect.stringContaining('示例行') }]);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(arrayBuffer(template.rawPayload));
    workbook.worksheets[0]!.getRow(2).getCell(2).value = '怡湖社区新网格';
    const edited = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await upload(admin, 'regions.grids', edited, 'dryRun=true&wait=true');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ total: 1, applied: false, errors: [] });
  });

  it('offers a csv template with a BOM', async () => {
    const res = await admin.get('/api/v1/tabular/regions.grids/template?format=csv');
    expect(res.statusCode).toBe(200);
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(res.body.slice(1).split('\r\n')[0]).toBe(HEADERS.join(','));
  });

  it('exports the filtered region list from the list route itself: the 18 communities of 大弯街道', async () => {
    const res = await admin.get(`/api/v1/regions?within=${DAWAN}&level=village&format=xlsx`);
    expect(res.statusCode).toBe(200);
    const [header, ...rows] = await sheetRows(res.rawPayload);
    expect(header).toEqual(['区划代码', '名称', '简称', '层级', '类型', '上级代码']);
    expect(rows).toHaveLength(18);
    expect(rows.every((r) => String(r[0]).startsWith('510113002') && r[3] === '村社区' && r[5] === DAWAN)).toBe(true);
    expect(rows.map((r) => r[2])).toContain('怡湖社区');
  });

  it('exports csv with a BOM and ignores paging', async () => {
    const res = await admin.get(`/api/v1/regions?within=${DAWAN}&level=village&format=csv&limit=5`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(res.body.trim().split('\r\n')).toHaveLength(19);
  });

  it('refuses an unknown table with 404, and an unknown filter with 400', async () => {
    expect((await admin.get('/api/v1/tabular/regions.nothing/template')).statusCode).toBe(404);
    expect((await admin.get('/api/v1/tabular/regions.nothing/export')).json().error.code).toBe('not_found');
    const res = await admin.get('/api/v1/tabular/regions.grids/export?format=csv&colour=red');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });
});

describe('importing grids', () => {
  const good = () => [
    HEADERS,
    ['51011300200191', '怡湖一网格', '网格', YIHU, square(104.25, 30.87), 104.251, 30.871],
    ['5101130020019101', '怡湖一网格一号微网格', '微网格', '51011300200191', null, null, null],
    [null, '石家碾自动编号网格', 'grid', SHIJIANIAN, null, null, null],
  ];

  it('dry run: reports what would happen and writes nothing', async () => {
    const before = await regionCount();
    const res = await upload(admin, 'regions.grids', await xlsxFile('dry.xlsx', good()), 'dryRun=true&wait=true');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ total: 3, created: 3, updated: 0, errors: [], warnings: [], dryRun: true, applied: false });
    expect(await regionCount()).toBe(before);
    expect(await auditActions('51011300200191')).toEqual([]);
  });

  it('applies every row, in file order, each one audited', async () => {
    const before = await regionCount();
    const res = await upload(admin, 'regions.grids', await xlsxFile('apply.xlsx', good()));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ total: 3, created: 3, updated: 0, errors: [], dryRun: false, applied: true });
    expect(await regionCount()).toBe(before + 3);
    const micro = await admin.get('/api/v1/regions/5101130020019101');
    expect(micro.json()).toMatchObject({ name: '怡湖一网格一号微网格', level: 'micro_grid', parentCode: '51011300200191' });
    const grid = (await admin.get('/api/v1/regions/51011300200191')).json();
    expect(grid).toMatchObject({ hasGeometry: true, seat: [104.251, 30.871] });
    const auto = (await admin.get(`/api/v1/regions?parent=${SHIJIANIAN}`)).json().items;
    expect(auto.map((r: { name: string }) => r.name)).toContain('石家碾自动编号网格');
    expect(await auditActions('51011300200191')).toEqual(['region.create']);
    expect(await auditActions('regions.grids')).toContain('tabular.import');
  });

  it('updates a grid named by an existing code, and leaves unchanged rows alone', async () => {
    const exported = await admin.get(`/api/v1/tabular/regions.grids/export?format=xlsx&within=${YIHU}`);
    expect(exported.statusCode).toBe(200);
    const rows = await sheetRows(exported.rawPayload);
    expect(rows[0]).toEqual(HEADERS);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['51011300200191', '5101130020019101']);
    const same = await upload(admin, 'regions.grids', exported.rawPayload);
    expect(same.json()).toMatchObject({ total: 2, created: 0, updated: 0, applied: true });

    const renamed = await upload(admin, 'regions.grids', await xlsxFile('rename.xlsx', [HEADERS, ['51011300200191', '怡湖第一网格', '网格', YIHU]]));
    expect(renamed.json()).toMatchObject({ created: 0, updated: 1, applied: true });
    expect((await admin.get('/api/v1/regions/51011300200191')).json()).toMatchObject({ name: '怡湖第一网格', hasGeometry: true });
  });

  it('imports a grid that partly overlaps its neighbour, and says so by row and column', async () => {
    const file = await xlsxFile('overlap.xlsx', [
      HEADERS,
      ['51011300200195', '东侧网格', '网格', YIHU, square(104.27, 30.9), null, null],
      ['51011300200196', '错位网格', '网格', YIHU, square(104.271, 30.901), null, null],
    ]);
    const dry = await upload(admin, 'regions.grids', file, 'dryRun=true&wait=true');
    expect(dry.json()).toMatchObject({ created: 2, errors: [], warnings: [{ row: 3, column: '边界 GeoJSON', message: expect.stringContaining('51011300200195') }] });
    const res = await upload(admin, 'regions.grids', file);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 2, applied: true, warnings: [{ row: 3, column: '边界 GeoJSON' }] });
    expect((await admin.get('/api/v1/regions/51011300200196')).json()).toMatchObject({ hasGeometry: true });
  });

  it('lists every problem of a file in one go: a cell that does not read, and a row that reads but cannot be imported', async () => {
    const before = await regionCount();
    const file = await xlsxFile('two-problems.xlsx', [
      HEADERS,
      ['51011300200197', '经度写错的网格', '网格', YIHU, null, '东经一百零四度', 30.87],
      ['51011300200198', '没有上级的网格', '网格', '510113002099', null, null, null],
    ]);
    const res = await upload(admin, 'regions.grids', file, 'dryRun=true&wait=true');
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.map((d: { row: number }) => d.row)).toEqual([2, 3]);
    expect(await regionCount()).toBe(before);
  });

  it('one bad row among good ones: 422 naming its row and column, and nothing written', async () => {
    const before = await regionCount();
    const auditBefore = await countRows(t, 'audit_log');
    const file = await xlsxFile('bad-geometry.xlsx', [
      HEADERS,
      ['51011300200192', '好网格甲', '网格', YIHU, square(104.26, 30.88), null, null],
      ['51011300200193', '坏边界网格', '网格', YIHU, OPEN_RING, null, null],
      ['51011300200194', '好网格乙', '网格', YIHU, null, null, null],
    ]);
    const res = await upload(admin, 'regions.grids', file);
    expect(res.statusCode).toBe(422);
    const error = res.json().error;
    expect(error.code).toBe('import_failed');
    expect(error.message).toContain('第 3 行');
    expect(error.details).toEqual([{ row: 3, column: '边界 GeoJSON', message: expect.stringContaining('未闭合') }]);
    expect(error.summary).toMatchObject({ total: 3, applied: false, dryRun: false });
    expect(await regionCount()).toBe(before);
    expect(await countRows(t, 'audit_log')).toBe(auditBefore);
  });

  it('an unknown parent is reported in the 上级编码 column', async () => {
    const before = await regionCount();
    const file = await xlsxFile('bad-parent.xlsx', [HEADERS, [null, '好网格', '网格', YIHU], [null, '无主网格', '网格', '510113002099']]);
    const res = await upload(admin, 'regions.grids', file);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toEqual([{ row: 3, column: '上级编码', message: expect.stringContaining('510113002099') }]);
    expect(await regionCount()).toBe(before);
  });

  it('cell errors found while reading are reported the same way', async () => {
    const csv = `\uFEFF名称,层级,上级编码\r\n甲,网格,${YIHU}\r\n乙,小区,${YIHU}\r\n`;
    const res = await upload(admin, 'regions.grids', Buffer.from(csv), 'wait=true', 'grids.csv');
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toEqual([{ row: 3, column: '层级', message: expect.stringContaining('网格、微网格') }]);
  });

  it("a town admin cannot import under another town's community: a row error, nothing written", async () => {
    const mimou = await t.userSession('town_admin', [MIMOU]);
    const before = await regionCount();
    const res = await upload(mimou, 'regions.grids', await xlsxFile('other-town.xlsx', [HEADERS, [null, '越界网格', '网格', YIHU]]));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toEqual([{ row: 2, column: '上级编码', message: expect.stringContaining('管辖范围') }]);
    expect(await regionCount()).toBe(before);
  });

  it('a role without the import permission is refused', async () => {
    const worker = await t.userSession('grid_worker', [YIHU]);
    const res = await upload(worker, 'regions.grids', await xlsxFile('worker.xlsx', [HEADERS, [null, '网格', '网格', YIHU]]));
    expect(res.statusCode).toBe(403);
  });
});

describe('uploads that are not a spreadsheet', () => {
  it('a PNG renamed .xlsx → 415', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'), Buffer.alloc(64, 1)]);
    const res = await upload(admin, 'regions.grids', png, 'wait=true', 'grids.xlsx');
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('unsupported_media_type');
  });

  it('random bytes → 415, also in job mode', async () => {
    const random = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919 + 13) % 256));
    expect((await upload(admin, 'regions.grids', random, 'wait=true')).statusCode).toBe(415);
    expect((await upload(admin, 'regions.grids', random, 'wait=false')).statusCode).toBe(415);
  });

  it('no file → 400', async () => {
    const body = await multipart([{ field: 'note', data: 'no file here' }]);
    const res = await admin.request({ method: 'POST', url: '/api/v1/tabular/regions.grids/import?wait=true', ...body });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('bad_request');
  });

  it('not multipart → 415', async () => {
    const res = await admin.post('/api/v1/tabular/regions.grids/import?wait=true', { rows: [] });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('unsupported_media_type');
  });

  it('a file over 10 MB → 413, nothing written', async () => {
    const before = await regionCount();
    const big = Buffer.alloc(10 * 1024 * 1024 + 1024, 0x61);
    const res = await upload(admin, 'regions.grids', big, 'wait=true', 'big.csv');
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({ error: { code: 'payload_too_large', message: expect.any(String), details: [] } });
    expect(await regionCount()).toBe(before);
  });

  it('an unknown table → 404', async () => {
    const res = await upload(admin, 'regions.nothing', await xlsxFile('unknown.xlsx', [HEADERS]));
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });

  it('a table that takes no imports → 404', async () => {
    const res = await upload(admin, 'regions.list', await xlsxFile('list.xlsx', [['名称'], ['甲']]));
    expect(res.statusCode).toBe(404);
  });
});

describe('imports in the background', () => {
  it('answers 202 with a job to poll until done; only its owner can read it', async () => {
    const before = await regionCount();
    const file = await xlsxFile('job.xlsx', [HEADERS, ['51011300200295', '石家碾后台网格', '网格', SHIJIANIAN], ['5101130020029501', '石家碾后台微网格', '微网格', '51011300200295']]);
    const res = await upload(admin, 'regions.grids', file, 'dryRun=false');
    expect(res.statusCode).toBe(202);
    const { jobId, url } = res.json();
    expect(url).toBe(`/api/v1/tabular/jobs/${jobId}`);
    let job = (await admin.get(url)).json();
    for (let i = 0; i < 100 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await admin.get(url)).json();
    }
    expect(job).toMatchObject({ id: jobId, entity: 'regions.grids', status: 'done', processed: 2, total: 2, summary: { created: 2, applied: true } });
    expect(job.finishedAt).toEqual(expect.any(String));
    expect(await regionCount()).toBe(before + 2);

    const other = await t.userSession('district_admin', ['510113000000']);
    const peek = await other.get(url);
    expect(peek.statusCode).toBe(404);
    expect((await admin.get('/api/v1/tabular/jobs/not-a-job')).statusCode).toBe(404);
  });

  it('a job whose rows are bad ends as failed with the row errors, nothing written', async () => {
    const before = await regionCount();
    const res = await upload(admin, 'regions.grids', await xlsxFile('job-bad.xlsx', [HEADERS, [null, '坏网格', '网格', '510113002099']]), 'dryRun=false');
    expect(res.statusCode).toBe(202);
    let job = (await admin.get(res.json().url)).json();
    for (let i = 0; i < 100 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await admin.get(res.json().url)).json();
    }
    expect(job.status).toBe('failed');
    expect(job.error).toMatchObject({ code: 'import_failed', details: [{ row: 2, column: '上级编码' }] });
    expect(await regionCount()).toBe(before);
  });
});

describe('the command line', () => {
  const run = promisify(execFile);
  const root = join(import.meta.dirname, '../../..');
  let dataDir: string;
  // The command works on the same database as the app under test, SQLite or PostgreSQL.
  const env = (): NodeJS.ProcessEnv => ({
    ...process.env,
    GONGZHI_DATA_DIR: t.gz.ctx.config.dataDir,
    DATABASE_URL: t.gz.ctx.config.databaseUrl ?? '',
    LOG_LEVEL: 'warn',
  });
  const gongzhi = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, ['bin/gongzhi.mjs', ...args], { cwd: root, env: env(), encoding: 'buffer', timeout: 60_000, maxBuffer: 20 * 1024 * 1024 });
      return { code: 0, stdout, stderr: stderr.toString('utf8') };
    } catch (error) {
      const e = error as { code?: number; stdout: Buffer; stderr: Buffer };
      return { code: e.code ?? -1, stdout: e.stdout, stderr: e.stderr.toString('utf8') };
    }
  };

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'gongzhi-cli-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('imports with a dry run, then for real, then exports what it wrote', { timeout: 120_000 }, async () => {
    const file = join(dataDir, 'grids.csv');
    writeFileSync(file, `\uFEFF${HEADERS.join(',')}\r\n51011300200177,命令行网格,网格,${YIHU},,,\r\n`);

    const dry = await gongzhi('import', 'regions.grids', file, '--dry-run');
    expect(dry.stderr).toContain('未写入任何数据');
    expect(dry.stderr).toMatch(/导入 Importing: \d+\/1 rows/);
    expect(dry.code).toBe(0);

    const empty = await gongzhi('export', 'regions.grids', '--format', 'csv');
    expect(empty.code).toBe(0);
    expect([...empty.stdout.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(empty.stdout.toString('utf8')).not.toContain('命令行网格');

    const applied = await gongzhi('import', 'regions.grids', file);
    expect(applied.code).toBe(0);
    expect(applied.stderr).toContain('1 created');

    const out = join(dataDir, 'out.csv');
    const exported = await gongzhi('export', 'regions.grids', '--format', 'csv', '--out', out, '--filter', `within=${DAWAN}`);
    expect(exported.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain(`51011300200177,命令行网格,网格,${YIHU}`);
  });

  it('prints each bad row and exits 1', { timeout: 60_000 }, async () => {
    const file = join(dataDir, 'bad.csv');
    writeFileSync(file, `名称,层级,上级编码\r\n孤儿网格,网格,510113002099\r\n`);
    const result = await gongzhi('import', 'regions.grids', file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('第 2 行 [上级编码]');
  });
});
