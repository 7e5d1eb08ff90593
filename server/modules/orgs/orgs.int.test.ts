import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badInputCases, expectRejectedWithoutWrites } from '../../testing/bad-input.ts';
import { countRows, createTestApp, type Session, type TestApp } from '../../testing/harness.ts';

const DISTRICT = '510113000000';
const DAWAN = '510113002000'; // 大弯街道
const YIHU = '510113002001'; // 怡湖社区
const SHIBAWAN = '510113104204'; // 十八湾村

let t: TestApp;
let admin: Session;
let town: Session;
let cadre: Session;
let liaison: Session;

const agency = (over: Record<string, unknown> = {}) => ({
  name: '区农业农村局',
  domain: 'agency',
  regionCode: DISTRICT,
  capacity: 3,
  resourceTags: ['industry', 'funds'],
  liaisonName: '王建国',
  liaisonPhone: '13812345678',
  ...over,
});

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.userSession('district_admin', [DISTRICT]);
  town = await t.userSession('town_admin', [DAWAN]);
  cadre = await t.userSession('village_cadre', [YIHU]);
  liaison = await t.userSession('org_liaison', [DISTRICT]);
});
afterAll(async () => t?.close());

async function auditActions(entityId: string): Promise<string[]> {
  const rows = await t.gz.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', entityId).orderBy('seq').execute();
  return rows.map((r) => r.action);
}

describe('the organisations of the region tree', () => {
  it('gives every town, village and community its own organisation, named after it, under its town', async () => {
    const all = (await admin.get('/api/v1/orgs?domain=town,village,urban_community&limit=500')).json().items;
    expect(all).toHaveLength(7 + 83);
    const yihu = all.find((o: { anchorRegionCode: string }) => o.anchorRegionCode === YIHU);
    const dawan = all.find((o: { anchorRegionCode: string }) => o.anchorRegionCode === DAWAN);
    expect(dawan).toMatchObject({ name: '大弯街道党工委', domain: 'town' });
    expect(yihu).toMatchObject({ name: '怡湖社区党委', domain: 'urban_community', parentId: dawan.id, parentName: '大弯街道党工委' });
    expect(all.find((o: { anchorRegionCode: string }) => o.anchorRegionCode === SHIBAWAN)).toMatchObject({ name: '十八湾村党委', domain: 'village' });
  });

  it('does not make them twice when the reference data loads again', async () => {
    const before = await countRows(t, 'orgs');
    const { loadReferenceOrgs } = await import('./service.ts');
    expect(await loadReferenceOrgs(t.gz.ctx)).toBe(0);
    expect(await countRows(t, 'orgs')).toBe(before);
  });

  it('refuses to archive a region’s own organisation or move it to another domain', async () => {
    const yihu = (await admin.get(`/api/v1/orgs?region=${YIHU}`)).json().items[0];
    const archive = await admin.post(`/api/v1/orgs/${yihu.id}/archive`, { version: yihu.version });
    expect(archive.statusCode).toBe(422);
    const move = await admin.patch(`/api/v1/orgs/${yihu.id}`, { version: yihu.version, domain: 'village' });
    expect(move.statusCode).toBe(422);
    expect(move.json().error.message).toContain('region tree');
  });
});

describe('creating and editing', () => {
  it('creates an organisation, audited, with the liaison’s phone stored encrypted and masked in lists', async () => {
    const res = await admin.post('/api/v1/orgs', agency());
    expect(res.statusCode).toBe(201);
    const org = res.json();
    expect(org).toMatchObject({ name: '区农业农村局', domain: 'agency', regionName: '青白江区', capacity: 3, resourceTags: ['funds', 'industry'], liaisonPhone: '138****5678', version: 1 });
    const stored = await t.gz.ctx.db.selectFrom('orgs').select('liaison_phone_enc').where('id', '=', org.id).executeTakeFirstOrThrow();
    expect(stored.liaison_phone_enc).not.toContain('13812345678');
    expect(await auditActions(org.id)).toEqual(['org.create']);
    const listed = (await admin.get(`/api/v1/orgs?q=${encodeURIComponent('农业农村')}`)).json().items;
    expect(listed.map((o: { liaisonPhone: string }) => o.liaisonPhone)).toEqual(['138****5678']);
  });

  it('shows the full phone on one record to an admin, auditing that read, and masks it for a liaison', async () => {
    const org = (await admin.get(`/api/v1/orgs?q=${encodeURIComponent('农业农村')}`)).json().items[0];
    const full = await admin.get(`/api/v1/orgs/${org.id}`);
    expect(full.json().liaisonPhone).toBe('13812345678');
    expect(await auditActions(org.id)).toEqual(['org.create', 'org.read_personal']);
    expect((await liaison.get(`/api/v1/orgs/${org.id}`)).json().liaisonPhone).toBe('138****5678');
  });

  it('edits with optimistic concurrency: a stale version gets 409 and the current record', async () => {
    const org = (await admin.get(`/api/v1/orgs?q=${encodeURIComponent('农业农村')}`)).json().items[0];
    const ok = await admin.patch(`/api/v1/orgs/${org.id}`, { version: org.version, capacity: 4, resourceTags: ['technology', 'industry'] });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ capacity: 4, resourceTags: ['industry', 'technology'], version: org.version + 1 });
    const stale = await admin.patch(`/api/v1/orgs/${org.id}`, { version: org.version, capacity: 5 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'version_conflict', current: { capacity: 4, version: org.version + 1 } });
  });

  it('refuses a second organisation of the same name in the same region with 409', async () => {
    const before = await countRows(t, 'orgs');
    const res = await admin.post('/api/v1/orgs', agency());
    expect(res.statusCode).toBe(409);
    expect(await countRows(t, 'orgs')).toBe(before);
  });

  it('refuses broken rules with 422 and a readable message, writing nothing', async () => {
    const before = await countRows(t, 'orgs');
    const needs = await admin.post('/api/v1/orgs', agency({ name: '区司法局', needTags: ['legal'] }));
    expect(needs.statusCode).toBe(422);
    expect(needs.json().error.message).toContain('need tags');
    const village = await admin.post('/api/v1/orgs', agency({ name: '某村', domain: 'village' }));
    expect(village.statusCode).toBe(422);
    const phone = await admin.post('/api/v1/orgs', agency({ name: '区司法局', liaisonPhone: '12345' }));
    expect(phone.statusCode).toBe(400);
    expect(await countRows(t, 'orgs')).toBe(before);
  });

  it('archives and restores a unit', async () => {
    const org = (await admin.post('/api/v1/orgs', agency({ name: '区档案馆', domain: 'institution' }))).json();
    const archived = await admin.post(`/api/v1/orgs/${org.id}/archive`, { version: org.version });
    expect(archived.json()).toMatchObject({ archived: true });
    expect((await admin.get(`/api/v1/orgs?q=${encodeURIComponent('档案馆')}`)).json().items).toHaveLength(0);
    expect((await admin.get(`/api/v1/orgs?q=${encodeURIComponent('档案馆')}&includeArchived=true`)).json().items).toHaveLength(1);
    const restored = await admin.post(`/api/v1/orgs/${org.id}/restore`, { version: org.version + 1 });
    expect(restored.json()).toMatchObject({ archived: false, version: org.version + 2 });
  });
});

describe('search and filters', () => {
  it('filters by domain, region subtree, resource and need tags, and pages with a cursor', async () => {
    const dawan = (await admin.get(`/api/v1/orgs?region=${DAWAN}&limit=500`)).json().items;
    expect(dawan).toHaveLength(1 + 18);
    const first = (await admin.get(`/api/v1/orgs?region=${DAWAN}&limit=10`)).json();
    const second = (await admin.get(`/api/v1/orgs?region=${DAWAN}&limit=10&cursor=${first.nextCursor}`)).json();
    expect(first.items.length + second.items.length).toBe(19);
    expect(second.nextCursor).toBeNull();
    const tagged = (await admin.get('/api/v1/orgs?tag=technology')).json().items;
    expect(tagged.map((o: { name: string }) => o.name)).toEqual(['区农业农村局']);
    const yihu = (await admin.get(`/api/v1/orgs?region=${YIHU}`)).json().items[0];
    await admin.patch(`/api/v1/orgs/${yihu.id}`, { version: yihu.version, needTags: ['medical', 'elderly_care'] });
    expect((await admin.get('/api/v1/orgs?need=elderly_care')).json().items.map((o: { id: string }) => o.id)).toEqual([yihu.id]);
  });

  it('shows a town admin their subtree and the units above it, and lets them write only inside it', async () => {
    const seen = (await town.get('/api/v1/orgs?limit=500')).json().items;
    expect(seen.some((o: { name: string }) => o.name === '区农业农村局')).toBe(true);
    expect(seen.some((o: { anchorRegionCode: string }) => o.anchorRegionCode === SHIBAWAN)).toBe(false);
    const bureau = seen.find((o: { name: string }) => o.name === '区农业农村局');
    expect((await town.patch(`/api/v1/orgs/${bureau.id}`, { version: bureau.version, capacity: 9 })).statusCode).toBe(404);
    const created = await town.post('/api/v1/orgs', agency({ name: '大弯街道商会', domain: 'two_new_social', regionCode: DAWAN }));
    expect(created.statusCode).toBe(201);
    const outside = await town.post('/api/v1/orgs', agency({ name: '城外商会', domain: 'two_new_social', regionCode: '510113104000' }));
    expect(outside.statusCode).toBe(422);
  });

  it('answers 404 for an organisation outside a village cadre’s view, and 403 for their writes', async () => {
    const other = (await admin.get(`/api/v1/orgs?region=${SHIBAWAN}`)).json().items[0];
    expect((await cadre.get(`/api/v1/orgs/${other.id}`)).statusCode).toBe(404);
    expect((await cadre.post('/api/v1/orgs', agency({ name: '村里的公司', regionCode: YIHU }))).statusCode).toBe(403);
  });

  it('answers 400 to bad query parameters', async () => {
    expect((await admin.get('/api/v1/orgs?domain=martian')).statusCode).toBe(400);
    expect((await admin.get('/api/v1/orgs?limit=0')).statusCode).toBe(400);
    expect((await admin.get('/api/v1/orgs?bogus=1')).statusCode).toBe(400);
    expect((await admin.get('/api/v1/orgs/not-a-uuid')).statusCode).toBe(400);
  });
});

describe('spreadsheets', () => {
  const arrayBuffer = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

  async function readSheet(body: Buffer): Promise<ExcelJS.Workbook> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(arrayBuffer(body));
    return workbook;
  }

  async function upload(session: Session, file: Buffer) {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)]), 'orgs.xlsx');
    const response = new Response(form);
    return session.request({
      method: 'POST',
      url: '/api/v1/tabular/orgs/import?wait=true',
      payload: Buffer.from(await response.arrayBuffer()),
      headers: { 'content-type': response.headers.get('content-type')! },
    });
  }

  it('round-trips organisations through xlsx: an unchanged file changes nothing, an edited cell updates, a new row creates', async () => {
    const exported = await admin.get(`/api/v1/orgs?format=xlsx&region=${DISTRICT}&domain=agency,institution`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('spreadsheetml');
    const workbook = await readSheet(exported.rawPayload);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('名称');
    expect(sheet.rowCount).toBe(3); // header, 区农业农村局, 区档案馆
    const before = await countRows(t, 'orgs');

    const unchanged = await upload(admin, Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(unchanged.statusCode, unchanged.body).toBe(200);
    expect(unchanged.json()).toMatchObject({ total: 2, created: 0, updated: 0, applied: true });

    const capacity = header.indexOf('结对容量') + 1;
    const name = header.indexOf('名称') + 1;
    const phone = header.indexOf('联络电话') + 1;
    expect(sheet.getRow(2).getCell(phone).value).toBe('13812345678'); // admins export phones in full
    const row2 = sheet.getRow(2);
    const editedName = String(row2.getCell(name).value);
    row2.getCell(capacity).value = 7;
    const added = sheet.addRow([]);
    for (const [key, value] of Object.entries({ 名称: '区司法局', 领域: '机关', 区划代码: DISTRICT, 结对容量: 2, 可提供资源: '法律服务' })) {
      added.getCell(header.indexOf(key) + 1).value = value;
    }
    const edited = await upload(admin, Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ total: 3, created: 1, updated: 1 });
    expect(await countRows(t, 'orgs')).toBe(before + 1);
    const after = (await admin.get(`/api/v1/orgs?q=${encodeURIComponent(editedName)}`)).json().items[0];
    expect(after.capacity).toBe(7);
    expect((await admin.get(`/api/v1/orgs?q=${encodeURIComponent('司法局')}`)).json().items[0]).toMatchObject({ domain: 'agency', resourceTags: ['legal'] });
  });

  it('refuses a file with a bad row whole, naming the row, and writes nothing', async () => {
    const exported = await admin.get(`/api/v1/orgs?format=xlsx&q=${encodeURIComponent('司法局')}`);
    const workbook = await readSheet(exported.rawPayload);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    sheet.getRow(2).getCell(header.indexOf('结对容量') + 1).value = 9;
    const bad = sheet.addRow([]);
    for (const [key, value] of Object.entries({ 名称: '区火星局', 领域: '机关', 区划代码: DISTRICT, 结对容量: 2, 可提供资源: '火箭' })) bad.getCell(header.indexOf(key) + 1).value = value;
    const before = await countRows(t, 'orgs');
    const res = await upload(admin, Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toEqual([expect.objectContaining({ row: 3, column: 'resourceTags' })]);
    expect(await countRows(t, 'orgs')).toBe(before);
    expect((await admin.get(`/api/v1/orgs?q=${encodeURIComponent('司法局')}`)).json().items[0].capacity).toBe(2);
  });

  it('exports masked phones to a liaison, and csv too', async () => {
    const csv = await liaison.get(`/api/v1/orgs?format=csv&q=${encodeURIComponent('农业农村')}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('138****5678');
    expect(csv.body).not.toContain('13812345678');
  });
});

describe('bad input on every write', () => {
  let orgId: string;
  let version: number;
  beforeAll(async () => {
    const org = (await admin.post('/api/v1/orgs', agency({ name: '区统计局' }))).json();
    orgId = org.id;
    version = org.version;
  });

  const writes: { name: string; method: 'POST' | 'PATCH'; url: () => string; valid: () => Record<string, unknown>; wrongType: Record<string, unknown> }[] = [
    { name: 'create', method: 'POST', url: () => '/api/v1/orgs', valid: () => agency({ name: '区审计局' }), wrongType: { capacity: 'three' } },
    { name: 'edit', method: 'PATCH', url: () => `/api/v1/orgs/${orgId}`, valid: () => ({ version, capacity: 2 }), wrongType: { version: 'one' } },
    { name: 'archive', method: 'POST', url: () => `/api/v1/orgs/${orgId}/archive`, valid: () => ({ version }), wrongType: { version: [1] } },
    { name: 'restore', method: 'POST', url: () => `/api/v1/orgs/${orgId}/restore`, valid: () => ({ version }), wrongType: { version: true } },
  ];
  for (const write of writes) {
    for (const badCase of badInputCases({ version: 1 }, {})) {
      it(`${write.name}: ${badCase.name}`, async () => {
        const c = badCase.name === 'wrong types' || badCase.name === 'an unknown field' ? badInputCases(write.valid(), write.wrongType).find((b) => b.name === badCase.name)! : badCase;
        await expectRejectedWithoutWrites(t, admin, { method: write.method, url: write.url() }, c, ['orgs', 'audit_log']);
      });
    }
  }
});
