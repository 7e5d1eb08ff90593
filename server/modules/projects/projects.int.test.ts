import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badInputCases, expectRejectedWithoutWrites } from '../../testing/bad-input.ts';
import { countRows, createTestApp, type Session, type TestApp } from '../../testing/harness.ts';

const DISTRICT = '510113000000';
const YIHU = '510113002001'; // 怡湖社区
const SHIBAWAN = '510113104204'; // 十八湾村
const TODAY = '2026-03-02';

let t: TestApp;
let admin: Session;
let admin2: Session;
let cadre: Session;
let liaison: Session;
let otherLiaison: Session;
let orgId: string;

const body = (over: Record<string, unknown> = {}) => ({
  title: '十八湾村乡村旅游配套设施建设',
  regionCode: SHIBAWAN,
  budgetFen: 100_000_000,
  funding: [
    { source: 'fiscal_district', amountFen: 60_000_000 },
    { source: 'pairing_unit', amountFen: 40_000_000, note: '结对单位捐建' },
  ],
  startDate: '2025-03-01',
  endDate: '2026-12-31',
  owners: [{ kind: 'org', id: orgId }],
  ...over,
});

beforeAll(async () => {
  t = await createTestApp({ clock: `${TODAY}T04:00:00.000Z` });
  admin = await t.userSession('district_admin', [DISTRICT]);
  admin2 = await t.userSession('district_admin', [DISTRICT]);
  cadre = await t.userSession('village_cadre', [YIHU]);
  const org = await admin.post('/api/v1/orgs', { name: '区文化广电旅游局', domain: 'agency', regionCode: DISTRICT, capacity: 3, resourceTags: ['culture'] });
  orgId = org.json().id;
  liaison = await t.userSession('org_liaison', [DISTRICT], { orgId });
  otherLiaison = await t.userSession('org_liaison', [DISTRICT], { orgId: '01900000-0000-7000-8000-000000000000' });
});
afterAll(async () => t?.close());

describe('projects', () => {
  it('creates a project with an owner and funding lines by source, at the first step of the ladder', async () => {
    const res = await admin.post('/api/v1/projects', body());
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      title: '十八湾村乡村旅游配套设施建设',
      regionName: '十八湾村村民委员会',
      owners: [{ kind: 'org', id: orgId, name: '区文化广电旅游局' }],
      budgetFen: 100_000_000,
      statusKey: 'planning',
      status: { zh: '谋划' },
      progress: { reported: 0, verified: 0 },
      funding: [
        { source: 'fiscal_district', sourceLabel: { zh: '区级财政' }, amountFen: 60_000_000, note: null },
        { source: 'pairing_unit', amountFen: 40_000_000, note: '结对单位捐建' },
      ],
      orgIds: [orgId],
      depth: 0,
    });
  });

  it('refuses funding lines that do not add up, and an unknown owner, with 422 and nothing written', async () => {
    const before = await countRows(t, 'projects');
    const short = await admin.post('/api/v1/projects', body({ budgetFen: 100_000_001 }));
    expect(short.statusCode).toBe(422);
    expect(short.json().error.message).toContain('not the budget');
    const nobody = await admin.post('/api/v1/projects', body({ owners: [{ kind: 'org', id: '01900000-0000-7000-8000-00000000000f' }] }));
    expect(nobody.statusCode).toBe(422);
    const ownerless = await admin.post('/api/v1/projects', body({ owners: [] }));
    expect(ownerless.statusCode).toBe(422);
    expect(await countRows(t, 'projects')).toBe(before);
    expect(await countRows(t, 'project_funding')).toBe(2);
  });

  it('rolls progress up by investment share across three levels, reported and verified apart', async () => {
    const root = (await admin.post('/api/v1/projects', body({ title: '十八湾村林盘景区提升', budgetFen: 1000, funding: [] }))).json();
    const a = (await admin.post('/api/v1/projects', body({ title: '一期', parentId: root.id, owners: [], budgetFen: 600, funding: [] }))).json();
    const b = (await admin.post('/api/v1/projects', body({ title: '二期', parentId: root.id, owners: [], budgetFen: 400, funding: [] }))).json();
    const a1 = (await admin.post('/api/v1/projects', body({ title: '一期土建', parentId: a.id, owners: [], budgetFen: 700, funding: [] }))).json();
    const a2 = (await admin.post('/api/v1/projects', body({ title: '一期设备', parentId: a.id, owners: [], budgetFen: 300, funding: [] }))).json();
    expect(a1.depth).toBe(2);
    const done = await admin.post(`/api/v1/projects/${a1.id}/progress`, { date: TODAY, percent: 100, statusKey: 'completed', note: '完工' });
    expect(done.statusCode).toBe(201);
    expect(done.json()).toMatchObject({ statusKey: 'completed', progress: { reported: 100, verified: 0 } });
    await admin.post(`/api/v1/projects/${a2.id}/progress`, { date: TODAY, percent: 0 });
    await admin.post(`/api/v1/projects/${b.id}/progress`, { date: TODAY, percent: 50 });
    const detail = (await admin.get(`/api/v1/projects/${root.id}`)).json();
    expect(detail.progress).toEqual({ reported: 62, verified: 0 }); // 0.6 × (0.7 × 100 + 0.3 × 0) + 0.4 × 50
    expect(detail.children.map((c: { title: string; progress: { reported: number } }) => [c.title, c.progress.reported])).toEqual([
      ['一期', 70],
      ['二期', 50],
    ]);
    expect((await admin.get(`/api/v1/projects/${a1.id}`)).json().ancestors.map((x: { title: string }) => x.title)).toEqual(['十八湾村林盘景区提升', '一期']);

    // Someone else verifies the 100 %: verified progress rolls up too.
    const entry = (await admin.get(`/api/v1/projects/${a1.id}`)).json().entries[0];
    const own = await admin.post(`/api/v1/projects/${a1.id}/progress/${entry.id}/verify`, { version: entry.version });
    expect(own.statusCode).toBe(422);
    expect(own.json().error.message).toContain('own report');
    const verified = await admin2.post(`/api/v1/projects/${a1.id}/progress/${entry.id}/verify`, { version: entry.version });
    expect(verified.statusCode).toBe(200);
    expect(verified.json().entries[0]).toMatchObject({ verified: true });
    expect((await admin.get(`/api/v1/projects/${root.id}`)).json().progress).toEqual({ reported: 62, verified: 42 });
  });

  it('refuses a child outside its parent’s region and progress dated tomorrow', async () => {
    const parent = (await admin.get('/api/v1/projects?q=' + encodeURIComponent('林盘'))).json().items[0];
    expect((await admin.post('/api/v1/projects', body({ title: '越界子项目', parentId: parent.id, owners: [], regionCode: YIHU, budgetFen: 1, funding: [] }))).statusCode).toBe(422);
    const future = await admin.post(`/api/v1/projects/${parent.id}/progress`, { date: '2026-03-03', percent: 10 });
    expect(future.statusCode).toBe(422);
    expect(future.json().error.message).toContain('future');
  });

  it('edits with optimistic concurrency', async () => {
    const p = (await admin.get('/api/v1/projects?q=' + encodeURIComponent('旅游配套'))).json().items[0];
    const ok = await admin.patch(`/api/v1/projects/${p.id}`, { version: p.version, statusKey: 'design', title: '十八湾村旅游配套设施建设' });
    expect(ok.json()).toMatchObject({ statusKey: 'design', progress: { reported: 20 }, version: p.version + 1 });
    const stale = await admin.patch(`/api/v1/projects/${p.id}`, { version: p.version, title: '旧标题' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'version_conflict', current: { title: '十八湾村旅游配套设施建设' } });
  });
});

describe('board, list and export', () => {
  it('puts top-level projects in the column of their step', async () => {
    const board = (await admin.get('/api/v1/projects/board')).json();
    expect(board.steps.map((s: { key: string }) => s.key)).toEqual(['planning', 'approved', 'design', 'tendering', 'building', 'acceptance', 'completed']);
    const column = (key: string) => board.columns.find((c: { key: string }) => c.key === key).items.map((p: { title: string }) => p.title);
    expect(column('design')).toEqual(['十八湾村旅游配套设施建设']);
    expect(column('planning')).toEqual(['十八湾村林盘景区提升']);
    expect(board.total).toBe(2);
  });

  it('filters by status, region, owner and text, top level unless asked for all', async () => {
    const ids = async (q: string) => (await admin.get(`/api/v1/projects?${q}`)).json().items.map((p: { title: string }) => p.title);
    expect(await ids('status=design')).toEqual(['十八湾村旅游配套设施建设']);
    expect(await ids(`region=${YIHU}`)).toEqual([]);
    expect(await ids(`ownerKind=org&ownerId=${orgId}`)).toHaveLength(2);
    expect(await ids('all=true&status=completed')).toEqual(['一期土建']);
    expect((await admin.get('/api/v1/projects?status=BAD')).statusCode).toBe(400);
  });

  it('exports the filtered list as xlsx', async () => {
    const res = await admin.get('/api/v1/projects?format=xlsx&status=design');
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload.buffer.slice(res.rawPayload.byteOffset, res.rawPayload.byteOffset + res.rawPayload.byteLength) as ArrayBuffer);
    const rows: unknown[][] = [];
    workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual(expect.arrayContaining(['十八湾村旅游配套设施建设', '设计', '1000000.00']));
  });
});

describe('photos with progress', () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
  async function form(fields: Record<string, string>, files: { name: string; data: Buffer | string }[]) {
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    for (const f of files) body.append('photos', new Blob([typeof f.data === 'string' ? f.data : new Uint8Array(f.data)]), f.name);
    const response = new Response(body);
    return { payload: Buffer.from(await response.arrayBuffer()), headers: { 'content-type': response.headers.get('content-type')! } };
  }

  it('takes a report as a form with photos, and serves the photo to those who see the project', async () => {
    const p = (await admin.get('/api/v1/projects?q=' + encodeURIComponent('旅游配套'))).json().items[0];
    const res = await admin.request({ method: 'POST', url: `/api/v1/projects/${p.id}/progress`, ...(await form({ date: TODAY, percent: '35', note: '基础施工' }, [{ name: 'site.png', data: png }])) });
    expect(res.statusCode, res.body).toBe(201);
    const entry = res.json().entries[0];
    expect(entry).toMatchObject({ percent: 35, note: '基础施工', attachments: [{ name: 'site.png', mime: 'image/png', size: png.length }] });
    const photo = await cadre.get(entry.attachments[0].url);
    expect(photo.statusCode).toBe(404);
    const served = await liaison.get(entry.attachments[0].url);
    expect(served.statusCode).toBe(200);
    expect(served.rawPayload.equals(png)).toBe(true);
  });

  it('refuses a file that is not an image, and a form with a bad percentage, writing nothing', async () => {
    const p = (await admin.get('/api/v1/projects?q=' + encodeURIComponent('旅游配套'))).json().items[0];
    const before = await countRows(t, 'project_progress');
    const notImage = await admin.request({ method: 'POST', url: `/api/v1/projects/${p.id}/progress`, ...(await form({ date: TODAY, percent: '40' }, [{ name: 'x.png', data: 'text' }])) });
    expect(notImage.statusCode).toBe(415);
    const badPercent = await admin.request({ method: 'POST', url: `/api/v1/projects/${p.id}/progress`, ...(await form({ date: TODAY, percent: 'lots' }, [])) });
    expect(badPercent.statusCode).toBe(400);
    expect(badPercent.json().error.code).toBe('validation_failed');
    expect(await countRows(t, 'project_progress')).toBe(before);
  });
});

describe('who sees and reports', () => {
  it('shows a liaison the projects their organisation takes part in, and lets them report progress', async () => {
    const mine = (await liaison.get('/api/v1/projects')).json().items;
    expect(mine).toHaveLength(2);
    const res = await liaison.post(`/api/v1/projects/${mine[0].id}/progress`, { date: TODAY, percent: 25, note: '已完成方案设计' });
    expect(res.statusCode).toBe(201);
    expect((await otherLiaison.get('/api/v1/projects')).json().items).toHaveLength(0);
    expect((await otherLiaison.get(`/api/v1/projects/${mine[0].id}`)).statusCode).toBe(404);
    expect((await otherLiaison.post(`/api/v1/projects/${mine[0].id}/progress`, { date: TODAY, percent: 30 })).statusCode).toBe(404);
  });

  it('answers 404 to a village cadre for another village’s project, and 403 to their edits', async () => {
    const p = (await admin.get('/api/v1/projects')).json().items[0];
    expect((await cadre.get(`/api/v1/projects/${p.id}`)).statusCode).toBe(404);
    expect((await cadre.post(`/api/v1/projects/${p.id}/progress`, { date: TODAY, percent: 30 })).statusCode).toBe(404);
    expect((await cadre.patch(`/api/v1/projects/${p.id}`, { version: p.version, title: '改名' })).statusCode).toBe(403);
  });
});

describe('the status ladder', () => {
  it('lets a district admin rename and add steps, audited', async () => {
    const ladder = (await admin.get('/api/v1/projects/ladder')).json();
    const steps = ladder.steps.map((s: { key: string }) => (s.key === 'design' ? { ...s, label: { zh: '方案设计', en: 'Design' } } : s));
    const res = await admin.request({ method: 'PUT', url: '/api/v1/projects/ladder', payload: { version: ladder.version, steps } });
    expect(res.statusCode).toBe(200);
    expect(res.json().steps.find((s: { key: string }) => s.key === 'design').label.zh).toBe('方案设计');
    const stale = await admin.request({ method: 'PUT', url: '/api/v1/projects/ladder', payload: { version: ladder.version, steps } });
    expect(stale.statusCode).toBe(409);
  });

  it('refuses to drop a step a project stands on, and a ladder that goes down', async () => {
    const ladder = (await admin.get('/api/v1/projects/ladder')).json();
    const dropped = await admin.request({ method: 'PUT', url: '/api/v1/projects/ladder', payload: { version: ladder.version, steps: ladder.steps.filter((s: { key: string }) => s.key !== 'design') } });
    expect(dropped.statusCode).toBe(422);
    expect(dropped.json().error.message).toContain('design');
    const down = await admin.request({ method: 'PUT', url: '/api/v1/projects/ladder', payload: { version: ladder.version, steps: [...ladder.steps].reverse() } });
    expect(down.statusCode).toBe(422);
  });

  it('is for district admins only', async () => {
    const town = await t.userSession('town_admin', ['510113104000']);
    const ladder = (await admin.get('/api/v1/projects/ladder')).json();
    expect((await town.request({ method: 'PUT', url: '/api/v1/projects/ladder', payload: { version: ladder.version, steps: ladder.steps } })).statusCode).toBe(403);
  });
});

describe('bad input on every write', () => {
  let project: { id: string; version: number };
  let entry: { id: string; version: number };
  beforeAll(async () => {
    project = (await admin.post('/api/v1/projects', body({ title: '坏输入测试项目' }))).json();
    entry = (await admin.post(`/api/v1/projects/${project.id}/progress`, { date: TODAY, percent: 5 })).json().entries[0];
  });
  const tables = ['projects', 'project_funding', 'project_owners', 'project_progress', 'project_config', 'audit_log'];
  const writes: { name: string; method: 'POST' | 'PATCH' | 'PUT'; url: () => string; valid: () => Record<string, unknown>; wrongType: Record<string, unknown> }[] = [
    { name: 'create', method: 'POST', url: () => '/api/v1/projects', valid: () => body({ title: '又一个项目' }), wrongType: { budgetFen: '100' } },
    { name: 'edit', method: 'PATCH', url: () => `/api/v1/projects/${project.id}`, valid: () => ({ version: project.version, title: '新名字' }), wrongType: { startDate: 20250101 } },
    { name: 'progress', method: 'POST', url: () => `/api/v1/projects/${project.id}/progress`, valid: () => ({ date: TODAY, percent: 10 }), wrongType: { percent: 'ten' } },
    { name: 'verify', method: 'POST', url: () => `/api/v1/projects/${project.id}/progress/${entry.id}/verify`, valid: () => ({ version: entry.version }), wrongType: { version: '1' } },
    { name: 'ladder', method: 'PUT', url: () => '/api/v1/projects/ladder', valid: () => ({ version: 1, steps: [] }), wrongType: { steps: 'many' } },
  ];
  for (const write of writes) {
    for (const name of ['malformed JSON', 'wrong types', 'an unknown field', 'missing fields', 'an oversized body', 'a wrong content type']) {
      it(`${write.name}: ${name}`, async () => {
        const c = badInputCases(write.valid(), write.wrongType).find((b) => b.name === name)!;
        await expectRejectedWithoutWrites(t, admin2, { method: write.method, url: write.url() }, c, tables);
      });
    }
  }
});
