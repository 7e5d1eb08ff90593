import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/auth/actor.ts';
import { countRows, createTestApp, type Session, type TestApp } from '../../testing/harness.ts';
import { square } from '../demo/domain.ts';
import { createArea } from '../regions/service.ts';
import { listCandidates, memberIdOfUser, microGridsOfMember } from './service.ts';

/*
 * Villages used (all under 大弯街道 510113002000):
 *   A 510113002001 怡湖 — grid A1 (micro-grids A1a, A1b), grid A2 (A2a)
 *   B 510113002002 石家碾 — grid B1 (B1a)
 *   C 510113002003 大弯 — grid C1 (C1a, C1b, C1c), for coverage figures only
 *   D 510113002005 化工路 — empty, for GeoJSON imports
 */
const A = '510113002001';
const A1 = '51011300200101';
const A1a = '5101130020010101';
const A1b = '5101130020010102';
const A2 = '51011300200102';
const A2a = '5101130020010201';
const B = '510113002002';
const B1a = '5101130020020101';
const C = '510113002003';
const C1 = '51011300200301';
const C1a = '5101130020030101';
const C1b = '5101130020030102';
const C1c = '5101130020030103';
const D = '510113002005';
const DISTRICT = '510113000000';

let t: TestApp;
let admin: Session;
let town: Session;
let villageA: Session;
let villageB: Session;
let workerA1: Session;
let phoneSerial = 0;
const nextPhone = () => `1390000${String(++phoneSerial).padStart(4, '0')}`;

async function area(parentCode: string, level: 'grid' | 'micro_grid', code: string, lng: number, lat: number, size: number) {
  await createArea(t.gz.ctx, systemActor, { parentCode, level, code, name: `测试${code.slice(-4)}`, geometry: square(lng, lat, size) });
}

beforeAll(async () => {
  t = await createTestApp();
  await area(A, 'grid', A1, 104.262, 30.893, 0.008);
  await area(A1, 'micro_grid', A1a, 104.262, 30.893, 0.004);
  await area(A1, 'micro_grid', A1b, 104.266, 30.893, 0.004);
  await area(A, 'grid', A2, 104.27, 30.893, 0.008);
  await area(A2, 'micro_grid', A2a, 104.27, 30.893, 0.004);
  await area(B, 'grid', '51011300200201', 104.28, 30.893, 0.008);
  await area('51011300200201', 'micro_grid', B1a, 104.28, 30.893, 0.004);
  await area(C, 'grid', C1, 104.29, 30.893, 0.009);
  await area(C1, 'micro_grid', C1a, 104.29, 30.893, 0.003);
  await area(C1, 'micro_grid', C1b, 104.293, 30.893, 0.003);
  await area(C1, 'micro_grid', C1c, 104.296, 30.893, 0.003);
  admin = await t.userSession('district_admin', [DISTRICT]);
  town = await t.userSession('town_admin', ['510113002000']);
  villageA = await t.userSession('village_cadre', [A]);
  villageB = await t.userSession('village_cadre', [B]);
  workerA1 = await t.userSession('grid_worker', [A1]);
});
afterAll(async () => t?.close());

type Member = { id: string; version: number; phone: string; phoneMasked: boolean; active: boolean; regionCode: string; assignments: { microGridCode: string; role: string }[] };

async function addMember(session: Session, body: Record<string, unknown>): Promise<Member> {
  const res = await session.post('/api/v1/grid/members', { name: '测试成员', phone: nextPhone(), forceType: 'social_volunteer', ...body });
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
  return res.json() as Member;
}

const counts = async () => ({
  members: await countRows(t, 'grid_members'),
  assignments: await countRows(t, 'grid_assignments'),
  settings: await countRows(t, 'grid_settings'),
  regions: await countRows(t, 'regions'),
  audit: await countRows(t, 'audit_log'),
});

async function auditActions(action: string, entityId?: string) {
  let q = t.gz.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', action);
  if (entityId) q = q.where('entity_id', '=', entityId);
  return q.execute();
}

describe('members: create, read, update, deactivate, assign', () => {
  it('creates a member in a micro-grid; the home region defaults to its village; the phone comes back masked', async () => {
    const res = await villageA.post('/api/v1/grid/members', {
      name: '王芳',
      phone: '138 0013 8000',
      unit: '怡湖社区居民委员会',
      forceType: 'committee_member',
      assignments: [{ microGridCode: A1a, role: 'leader' }, { microGridCode: A1b }],
    });
    expect(res.statusCode).toBe(201);
    const m = res.json();
    expect(m).toMatchObject({ name: '王芳', phone: '138****8000', phoneMasked: true, forceType: 'committee_member', regionCode: A, active: true, version: 1 });
    expect(m.assignments).toEqual([
      expect.objectContaining({ microGridCode: A1a, role: 'leader', microGridName: '测试0101' }),
      expect.objectContaining({ microGridCode: A1b, role: 'member' }),
    ]);
    expect(await auditActions('member.create', m.id)).toHaveLength(1);
  });

  it('refuses a phone that is already registered, and a micro-grid outside scope', async () => {
    const before = await counts();
    const dup = await admin.post('/api/v1/grid/members', { name: '重复', phone: '13800138000', forceType: 'agency_cadre', regionCode: DISTRICT });
    expect(dup.statusCode).toBe(409);
    const outside = await villageA.post('/api/v1/grid/members', { name: '越界', phone: nextPhone(), forceType: 'agency_cadre', assignments: [{ microGridCode: B1a }] });
    expect(outside.statusCode).toBe(422);
    const notMicro = await admin.post('/api/v1/grid/members', { name: '网格', phone: nextPhone(), forceType: 'agency_cadre', assignments: [{ microGridCode: '5101130020019999' }] });
    expect(notMicro.statusCode).toBe(422);
    const homeOutside = await villageA.post('/api/v1/grid/members', { name: '越界', phone: nextPhone(), forceType: 'agency_cadre', regionCode: B });
    expect(homeOutside.statusCode).toBe(422);
    expect(await counts()).toEqual(before);
  });

  it('updates with the version, and refuses a stale one with the current record', async () => {
    const m = await addMember(admin, { forceType: 'agency_cadre', unit: '区民政局', regionCode: DISTRICT, assignments: [{ microGridCode: A2a }] });
    const ok = await admin.patch(`/api/v1/grid/members/${m.id}`, { version: 1, unit: '区财政局', forceType: 'town_cadre' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ unit: '区财政局', forceType: 'town_cadre', version: 2 });
    const stale = await admin.patch(`/api/v1/grid/members/${m.id}`, { version: 1, unit: '区教育局' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'version_conflict', current: { unit: '区财政局', version: 2 } });
    const phone = await admin.patch(`/api/v1/grid/members/${m.id}`, { version: 2, phone: '13800138000' });
    expect(phone.statusCode).toBe(409);
  });

  it('deactivates a member (out of the default list) and undoes it', async () => {
    const m = await addMember(villageA, { name: '赵强', assignments: [{ microGridCode: A2a }] });
    const off = await villageA.post(`/api/v1/grid/members/${m.id}/deactivate`, { version: 1 });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ active: false, version: 2 });
    expect((await villageA.post(`/api/v1/grid/members/${m.id}/deactivate`, { version: 2 })).statusCode).toBe(409);
    const active = (await villageA.get(`/api/v1/grid/members?microGrid=${A2a}`)).json().items.map((i: Member) => i.id);
    expect(active).not.toContain(m.id);
    const inactive = (await villageA.get(`/api/v1/grid/members?microGrid=${A2a}&status=inactive`)).json().items.map((i: Member) => i.id);
    expect(inactive).toEqual([m.id]);
    const undo = await villageA.post(`/api/v1/grid/members/${m.id}/reactivate`, { version: 2 });
    expect(undo.statusCode).toBe(200);
    expect(undo.json()).toMatchObject({ active: true, version: 3 });
  });

  it('assigns to a micro-grid, changes the role, and removes the assignment', async () => {
    const m = await addMember(villageA, { regionCode: A });
    expect(m.assignments).toEqual([]);
    const added = await villageA.post(`/api/v1/grid/members/${m.id}/assignments`, { microGridCode: A2a });
    expect(added.statusCode).toBe(201);
    expect(added.json().assignments).toEqual([expect.objectContaining({ microGridCode: A2a, role: 'member' })]);
    const promoted = await villageA.post(`/api/v1/grid/members/${m.id}/assignments`, { microGridCode: A2a, role: 'leader' });
    expect(promoted.statusCode).toBe(200);
    expect(promoted.json().assignments).toEqual([expect.objectContaining({ microGridCode: A2a, role: 'leader' })]);
    const outside = await villageA.post(`/api/v1/grid/members/${m.id}/assignments`, { microGridCode: B1a });
    expect(outside.statusCode).toBe(422);
    expect((await villageA.delete(`/api/v1/grid/members/${m.id}/assignments/${A2a}`)).statusCode).toBe(204);
    expect((await villageA.delete(`/api/v1/grid/members/${m.id}/assignments/${A2a}`)).statusCode).toBe(404);
    expect(await auditActions('member.assign', m.id)).toHaveLength(2);
    expect(await auditActions('member.unassign', m.id)).toHaveLength(1);
  });

  it('lists with paging, search by name or phone, and filters', async () => {
    const lead = await addMember(town, { name: '钟秀英', phone: '13712345678', forceType: 'enforcement', unit: '大弯派出所', regionCode: '510113002000', assignments: [{ microGridCode: A1b, role: 'leader' }] });
    const byName = (await town.get('/api/v1/grid/members?q=钟秀')).json();
    expect(byName.items.map((i: Member) => i.id)).toEqual([lead.id]);
    const byPhone = (await town.get('/api/v1/grid/members?q=137 1234 5678')).json();
    expect(byPhone.items.map((i: Member) => i.id)).toEqual([lead.id]);
    const byUnit = (await town.get(`/api/v1/grid/members?q=${encodeURIComponent('派出所')}&forceType=enforcement`)).json();
    expect(byUnit.items.map((i: Member) => i.id)).toEqual([lead.id]);
    const leaders = (await town.get(`/api/v1/grid/members?role=leader&region=${A1}`)).json();
    expect(leaders.items.every((i: Member) => i.assignments.some((a) => a.role === 'leader' && a.microGridCode.startsWith(A1)))).toBe(true);
    expect(leaders.items.map((i: Member) => i.id)).toContain(lead.id);

    const page1 = (await town.get('/api/v1/grid/members?limit=2')).json();
    expect(page1.items).toHaveLength(2);
    expect(page1.total).toBeGreaterThan(2);
    const page2 = (await town.get(`/api/v1/grid/members?limit=2&cursor=${page1.nextCursor}`)).json();
    expect(page2.items[0].id > page1.items[1].id).toBe(true);
    expect(page1.items.every((i: Member) => i.phoneMasked)).toBe(true);
  });
});

describe('scope', () => {
  let inA1: Member;
  let inA2: Member;
  let inB: Member;
  let agency: Member;
  beforeAll(async () => {
    inA1 = await addMember(admin, { name: '甲', assignments: [{ microGridCode: A1a }] });
    inA2 = await addMember(admin, { name: '乙', assignments: [{ microGridCode: A2a }] });
    inB = await addMember(admin, { name: '丙', assignments: [{ microGridCode: B1a }] });
    // Home at the district, serving in B and in A1: seen by B's and A1's people through the assignments.
    agency = await addMember(admin, { name: '丁', forceType: 'agency_cadre', regionCode: DISTRICT, assignments: [{ microGridCode: B1a }, { microGridCode: A1b }] });
  });

  it("a grid worker sees only their micro-grids' members", async () => {
    const seen = (await workerA1.get('/api/v1/grid/members?limit=500')).json().items.map((i: Member) => i.id);
    expect(seen).toContain(inA1.id);
    expect(seen).toContain(agency.id);
    expect(seen).not.toContain(inA2.id);
    expect(seen).not.toContain(inB.id);
    expect((await workerA1.get(`/api/v1/grid/members/${inA2.id}`)).statusCode).toBe(404);
    expect((await workerA1.get(`/api/v1/grid/members/${inA1.id}`)).statusCode).toBe(200);
  });

  it("a village cadre gets 404 for another village's member, and cannot change it", async () => {
    expect((await villageB.get(`/api/v1/grid/members/${inA1.id}`)).statusCode).toBe(404);
    expect((await villageB.patch(`/api/v1/grid/members/${inA1.id}`, { version: 1, name: '改名' })).statusCode).toBe(404);
    expect((await villageB.post(`/api/v1/grid/members/${inA1.id}/deactivate`, { version: 1 })).statusCode).toBe(404);
    expect((await villageB.post(`/api/v1/grid/members/${inA1.id}/assignments`, { microGridCode: B1a })).statusCode).toBe(404);
    expect((await villageB.get(`/api/v1/grid/members/${inB.id}`)).statusCode).toBe(200);
    expect((await villageB.get(`/api/v1/grid/members/${agency.id}`)).statusCode).toBe(200);
    // B's cadre may take the agency cadre out of B's micro-grid, not out of A's.
    expect((await villageB.delete(`/api/v1/grid/members/${agency.id}/assignments/${A1b}`)).statusCode).toBe(404);
    const list = (await villageB.get('/api/v1/grid/members?limit=500')).json().items.map((i: Member) => i.id);
    expect(list).toEqual(expect.arrayContaining([inB.id, agency.id]));
    expect(list).not.toContain(inA1.id);
    expect((await villageB.get(`/api/v1/grid/members?region=${A}`)).statusCode).toBe(404);
  });

  it('a grid worker may read but not write', async () => {
    expect((await workerA1.post('/api/v1/grid/members', { name: '写', phone: nextPhone(), forceType: 'agency_cadre', assignments: [{ microGridCode: A1a }] })).statusCode).toBe(403);
    expect((await workerA1.patch(`/api/v1/grid/members/${inA1.id}`, { version: 1, name: '写' })).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: '/api/v1/grid/members' })).statusCode).toBe(401);
  });

  it('coverage is scoped too', async () => {
    expect((await workerA1.get(`/api/v1/grid/coverage?region=${A1}`)).statusCode).toBe(200);
    expect((await workerA1.get(`/api/v1/grid/coverage?region=${A}`)).statusCode).toBe(404);
    expect((await villageB.get(`/api/v1/grid/coverage.geojson?region=${A}`)).statusCode).toBe(404);
  });
});

describe('choosing the sign-in account a member is linked to', () => {
  it('lists accounts by name within the editor’s scope, with nothing personal, and links one', async () => {
    const inA = await t.userSession('grid_worker', [A1a], { username: 'yihu.wang' });
    await t.userSession('grid_worker', [B1a], { username: 'shijianian.li' });
    const found = await villageA.get('/api/v1/grid/accounts?q=yihu');
    expect(found.statusCode).toBe(200);
    const idA = ((await inA.get('/api/v1/auth/me')).json() as { user: { id: string } }).user.id;
    expect(found.json().items).toEqual([{ id: idA, username: 'yihu.wang', displayName: expect.any(String), role: 'grid_worker', linkedTo: null }]);
    // Village A's cadre does not find village B's worker; the town finds both.
    expect((await villageA.get('/api/v1/grid/accounts?q=shijianian')).json().items).toEqual([]);
    const townSees = (await town.get('/api/v1/grid/accounts?limit=50')).json().items.map((u: { username: string }) => u.username);
    expect(townSees).toEqual(expect.arrayContaining(['yihu.wang', 'shijianian.li']));

    const linked = await addMember(villageA, { name: '王网格员', assignments: [{ microGridCode: A1a }], userId: idA });
    expect(linked).toMatchObject({ userId: idA, account: { username: 'yihu.wang', displayName: expect.any(String) } });
    // The list names the account too.
    const listed = (await villageA.get('/api/v1/grid/members?q=王网格员')).json().items;
    expect(listed.map((m: { account: unknown }) => m.account)).toEqual([{ username: 'yihu.wang', displayName: expect.any(String) }]);
    // Listed again, the account says which member it serves.
    expect((await villageA.get('/api/v1/grid/accounts?q=yihu')).json().items[0].linkedTo).toEqual({ memberId: linked.id, name: '王网格员' });
  });

  it('is for those who edit members: 403 for a grid worker, 401 without sign-in', async () => {
    expect((await workerA1.get('/api/v1/grid/accounts')).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: '/api/v1/grid/accounts' })).statusCode).toBe(401);
  });
});

describe('phone masking and the audit of full reads', () => {
  let m: Member;
  beforeAll(async () => {
    m = await addMember(admin, { phone: '13611112222', assignments: [{ microGridCode: A1a }] });
  });

  it.each([
    ['district_admin', () => admin, false],
    ['town_admin', () => town, false],
    ['village_cadre', () => villageA, false],
    ['grid_worker', () => workerA1, true],
  ] as const)('%s reads the detail', async (_role, session, masked) => {
    const before = (await auditActions('member.phone.read', m.id)).length;
    const res = await session().get(`/api/v1/grid/members/${m.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject(masked ? { phone: '136****2222', phoneMasked: true } : { phone: '13611112222', phoneMasked: false });
    const after = await auditActions('member.phone.read', m.id);
    expect(after.length).toBe(before + (masked ? 0 : 1));
  });

  it('lists show masked phones to everyone', async () => {
    const items = (await admin.get(`/api/v1/grid/members?q=13611112222`)).json().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ phone: '136****2222', phoneMasked: true });
  });

  it('exports full phones only to roles that may see them, and audits it', async () => {
    const before = (await auditActions('member.phone.export')).length;
    const full = await admin.get(`/api/v1/grid/members?format=csv&microGrid=${A1a}`);
    expect(full.statusCode).toBe(200);
    expect(full.headers['content-type']).toContain('text/csv');
    expect(full.body).toContain('姓名');
    expect(full.body).toContain('13611112222');
    expect((await auditActions('member.phone.export')).length).toBe(before + 1);
    const masked = await workerA1.get(`/api/v1/grid/members?format=csv&microGrid=${A1a}`);
    expect(masked.statusCode).toBe(200);
    expect(masked.body).toContain('136****2222');
    expect(masked.body).not.toContain('13611112222');
  });
});

describe('coverage', () => {
  beforeAll(async () => {
    // C1a: a cadre and a committee member who leads it: ok. C1b: two volunteers: lacking. C1c: nobody.
    await addMember(admin, { forceType: 'agency_cadre', regionCode: DISTRICT, assignments: [{ microGridCode: C1a }] });
    await addMember(admin, { forceType: 'committee_member', assignments: [{ microGridCode: C1a, role: 'leader' }, { microGridCode: C1b }] });
    await addMember(admin, { assignments: [{ microGridCode: C1b }] });
    await addMember(admin, { assignments: [{ microGridCode: C1b }] });
    // Home in C, serving nowhere yet: counted in C's totals, not in any micro-grid.
    await addMember(admin, { forceType: 'industry_service', regionCode: C });
    // Inactive members count nowhere.
    const gone = await addMember(admin, { forceType: 'enforcement', assignments: [{ microGridCode: C1c }] });
    await admin.post(`/api/v1/grid/members/${gone.id}/deactivate`, { version: 1 });
  });

  it('totals by force type, teams per micro-grid and what the short ones lack', async () => {
    const res = await villageA.get(`/api/v1/grid/coverage?region=${C}`);
    expect(res.statusCode).toBe(404);
    const c = (await town.get(`/api/v1/grid/coverage?region=${C}`)).json();
    expect(c.region).toMatchObject({ code: C, level: 'village' });
    expect(c.totals).toEqual({ agency_cadre: 1, town_cadre: 0, committee_member: 1, enforcement: 0, industry_service: 1, social_volunteer: 2, total: 5 });
    expect(c.summary).toEqual({ microGrids: 3, ok: 1, lacking: 1, empty: 1 });
    const byCode = Object.fromEntries(c.microGrids.map((m: { code: string }) => [m.code, m]));
    expect(byCode[C1a]).toMatchObject({ status: 'ok', total: 2, leaders: 1, counts: { agency_cadre: 1, committee_member: 1 } });
    expect(byCode[C1b]).toMatchObject({ status: 'lacking', total: 3, lacking: [{ key: 'cadre', required: 1, actual: 0 }] });
    expect(byCode[C1c]).toMatchObject({ status: 'empty', total: 0 });
    expect(c.understaffed.map((u: { code: string }) => u.code)).toEqual([C1b, C1c]);
  });

  it('follows the staffing rule the district admin sets', async () => {
    const rule = (await admin.get('/api/v1/grid/staffing-rule')).json();
    expect(rule).toMatchObject({ version: 0, rule: { minimum: { cadre: 1, committee_member: 1 }, requireLeader: false } });
    expect((await town.request({ method: 'PUT', url: '/api/v1/grid/staffing-rule', payload: { version: 0, minimum: { any: 1 }, requireLeader: false } })).statusCode).toBe(403);
    const put = await admin.request({ method: 'PUT', url: '/api/v1/grid/staffing-rule', payload: { version: 0, minimum: { any: 1 }, requireLeader: true } });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ version: 1, rule: { minimum: { any: 1 }, requireLeader: true } });
    const c = (await town.get(`/api/v1/grid/coverage?region=${C}`)).json();
    expect(c.summary).toEqual({ microGrids: 3, ok: 1, lacking: 1, empty: 1 });
    expect(c.understaffed[0]).toMatchObject({ code: C1b, lacking: [{ key: 'leader' }] });
    const stale = await admin.request({ method: 'PUT', url: '/api/v1/grid/staffing-rule', payload: { version: 0, minimum: {}, requireLeader: false } });
    expect(stale.statusCode).toBe(409);
    const back = await admin.request({ method: 'PUT', url: '/api/v1/grid/staffing-rule', payload: { version: 1, minimum: { cadre: 1, committee_member: 1 }, requireLeader: false } });
    expect(back.statusCode).toBe(200);
    expect(await auditActions('grid.staffing_rule.update')).toHaveLength(2);
  });

  it('gives the map micro-grid polygons with their status', async () => {
    const res = await town.get(`/api/v1/grid/coverage.geojson?region=${C1}`);
    expect(res.statusCode).toBe(200);
    const fc = res.json();
    expect(fc.type).toBe('FeatureCollection');
    const status = Object.fromEntries(fc.features.map((f: { properties: { code: string; status: string } }) => [f.properties.code, f.properties.status]));
    expect(status).toEqual({ [C1a]: 'ok', [C1b]: 'lacking', [C1c]: 'empty' });
    expect(fc.features[0].geometry.type).toBe('Polygon');
  });
});

describe('GeoJSON import of grid polygons', () => {
  const feature = (properties: Record<string, unknown>, geometry: unknown) => ({ type: 'Feature', properties, geometry });
  const grid = feature({ code: '51011300200501', name: '化工路第一网格', level: 'grid', parentCode: D }, square(104.3, 30.88, 0.01));
  const m1 = feature({ code: '5101130020050101', name: '第一微网格', level: 'micro_grid', parentCode: '51011300200501' }, square(104.3, 30.88, 0.005));
  const m2 = feature({ name: '第二微网格', level: 'micro_grid', parentCode: '51011300200501', extra: '被忽略' }, square(104.305, 30.88, 0.005));
  const bowtie = {
    type: 'Polygon',
    coordinates: [
      [
        [104.301, 30.886],
        [104.304, 30.889],
        [104.304, 30.886],
        [104.301, 30.889],
        [104.301, 30.886],
      ],
    ],
  };
  const post = (session: Session, body: unknown, query = '') => session.post(`/api/v1/grid/areas/import-geojson${query}`, body);

  it('refuses a file with more corners than one import checks, before checking any (413, nothing written)', async () => {
    const before = await counts();
    const circle = (lng: number, n: number) => {
      const ring = Array.from({ length: n }, (_, i) => [lng + 0.002 * Math.cos((2 * Math.PI * i) / n), 30.88 + 0.002 * Math.sin((2 * Math.PI * i) / n)]);
      return { type: 'Polygon', coordinates: [[...ring, ring[0]]] };
    };
    const features = Array.from({ length: 6 }, (_, k) => feature({ name: `大网格${k}`, level: 'grid', parentCode: D }, circle(104.3 + 0.005 * k, 9_000)));
    const res = await post(admin, { type: 'FeatureCollection', features });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'payload_too_large', message: expect.stringContaining('50000') });
    expect(await counts()).toEqual(before);
  });

  it('names what is wrong in a feature’s properties, in Chinese and then English, and writes nothing', async () => {
    const before = await counts();
    const res = await post(admin, { type: 'FeatureCollection', features: [grid, feature({ name: '', level: 'village', parentCode: D }, square(104.31, 30.88, 0.005))] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'features.1.properties.name', message: expect.stringMatching(/^数值过小.*Too small/) }),
        expect.objectContaining({ path: 'features.1.properties.level', message: expect.stringMatching(/^无效选项.*"grid"\|"micro_grid" Invalid option/) }),
      ]),
    );
    expect(await counts()).toEqual(before);
  });

  it('refuses the whole file when one feature is invalid, naming the feature', async () => {
    const before = await counts();
    const bad = feature({ name: '自相交', level: 'micro_grid', parentCode: '51011300200501' }, bowtie);
    const res = await post(admin, { type: 'FeatureCollection', features: [grid, m1, bad] });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('unprocessable');
    expect(res.json().error.details).toEqual([expect.objectContaining({ path: 'features.2', feature: 2 })]);
    const outside = feature({ name: '越界', level: 'micro_grid', parentCode: '51011300200501' }, square(104.309, 30.88, 0.005));
    const res2 = await post(admin, { type: 'FeatureCollection', features: [grid, outside, m1] });
    expect(res2.statusCode).toBe(422);
    expect(res2.json().error.details.map((d: { feature: number }) => d.feature)).toEqual([1]);
    const wrongParent = feature({ name: '错层', level: 'micro_grid', parentCode: D }, square(104.3, 30.88, 0.005));
    expect((await post(admin, { type: 'FeatureCollection', features: [wrongParent] })).statusCode).toBe(422);
    const noGeometry = feature({ name: '无图形', level: 'grid', parentCode: D }, null);
    expect((await post(admin, { type: 'FeatureCollection', features: [noGeometry] })).statusCode).toBe(422);
    expect(await counts()).toEqual(before);
  });

  it('checks without writing on a dry run', async () => {
    const before = await counts();
    const res = await post(admin, { type: 'FeatureCollection', features: [grid, m1, m2] }, '?dryRun=true');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: true, overlaps: [] });
    expect(res.json().created.map((c: { code: string }) => c.code)).toEqual(['51011300200501', '5101130020050101', '5101130020050102']);
    expect(await counts()).toEqual(before);
  });

  it('imports grids and micro-grids in one go and reports overlapping siblings', async () => {
    const m3 = feature({ code: '5101130020050103', name: '第三微网格', level: 'micro_grid', parentCode: '51011300200501' }, square(104.303, 30.883, 0.004));
    expect((await post(villageA, { type: 'FeatureCollection', features: [grid] })).statusCode).toBe(403);
    const res = await post(town, { type: 'FeatureCollection', name: 'grids', features: [m1, grid, m2, m3] });
    expect(res.statusCode).toBe(201);
    expect(res.json().created).toHaveLength(4);
    const pairs = res.json().overlaps.map((o: { a: { code: string }; b: { code: string } }) => `${o.a.code}-${o.b.code}`);
    expect(pairs).toEqual(['5101130020050101-5101130020050103', '5101130020050102-5101130020050103']);
    const report = (await town.get(`/api/v1/grid/areas/overlaps?village=${D}`)).json();
    expect(report).toMatchObject({ village: { code: D }, checked: 4 });
    expect(report.overlaps).toHaveLength(2);
    expect((await town.get(`/api/v1/grid/areas/overlaps?village=${A1}`)).statusCode).toBe(422);
    expect((await villageB.get(`/api/v1/grid/areas/overlaps?village=${D}`)).statusCode).toBe(404);
    const again = await post(town, { type: 'FeatureCollection', features: [grid] });
    expect(again.statusCode).toBe(422);
  });
});

describe('spreadsheet import of members', () => {
  async function upload(session: Session, csv: string) {
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'members.csv');
    const response = new Response(form);
    return session.request({
      method: 'POST',
      url: '/api/v1/tabular/grid.members/import?wait=true',
      payload: Buffer.from(await response.arrayBuffer()),
      headers: { 'content-type': response.headers.get('content-type')! },
    });
  }
  const header = '姓名,手机号,单位,力量类型,微网格编码,角色';

  it('imports rows (the same person twice is one member) and writes nothing when a row is bad', async () => {
    const before = await counts();
    const bad = [header, `李娜,13522220001,区民政局,机关干部,${A1a},网格长`, `周杰,13522220002,,社会志愿者,${A1a}；${A1b},`, `吴敏,13522220003,,社区两委,${B1a},成员`].join('\n');
    const refused = await upload(villageA, bad);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('import_failed');
    expect(refused.json().error.details).toEqual([expect.objectContaining({ row: 4, column: '微网格编码' })]);
    const typo = [header, `李娜,13522220001,区民政局,厨师,${A1a},网格长`].join('\n');
    expect((await upload(villageA, typo)).json().error.details).toEqual([expect.objectContaining({ row: 2, column: '力量类型' })]);
    expect(await counts()).toEqual(before);

    const good = [header, `李娜,13522220001,区民政局,机关干部,${A1a},网格长`, `周杰,13522220002,,社会志愿者,${A1a}；${A1b},`, `李娜,135 2222 0001,区民政局,机关干部,${A2a},成员`].join('\n');
    const res = await upload(villageA, good);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ total: 3, created: 2, updated: 0, applied: true });
    const lina = (await villageA.get('/api/v1/grid/members?q=13522220001')).json().items[0];
    expect(lina.assignments.map((a: { microGridCode: string; role: string }) => [a.microGridCode, a.role])).toEqual([
      [A1a, 'leader'],
      [A2a, 'member'],
    ]);
    expect(lina.regionCode).toBe(A);

    const again = await upload(villageA, [header, `李娜,13522220001,区财政局,机关干部,${A1b},成员`].join('\n'));
    expect(again.json()).toMatchObject({ created: 0, updated: 1 });
    const updated = (await villageA.get('/api/v1/grid/members?q=13522220001')).json().items[0];
    expect(updated.unit).toBe('区财政局');
    expect(updated.assignments).toHaveLength(3);
  });
});

describe('bad input on every endpoint: 400, nothing written', () => {
  let id: string;
  beforeAll(async () => {
    id = (await addMember(admin, { assignments: [{ microGridCode: A1a }] })).id;
  });

  const malformed = (method: InjectOptions['method'], url: () => string): InjectOptions => ({ method, url: url(), payload: '{"name": ', headers: { 'content-type': 'application/json' } });
  const json = (method: InjectOptions['method'], url: () => string, payload: unknown): InjectOptions => ({ method, url: url(), payload: payload as object });
  const fc = (properties: unknown) => ({ type: 'FeatureCollection', features: [{ type: 'Feature', properties, geometry: square(104.3, 30.88, 0.01) }] });
  const goodProps = { name: '网格', level: 'grid', parentCode: D };

  const cases: [string, () => InjectOptions, string][] = [
    ['create: malformed JSON', () => malformed('POST', () => '/api/v1/grid/members'), 'malformed_json'],
    ['create: empty body', () => ({ method: 'POST', url: '/api/v1/grid/members', payload: '', headers: { 'content-type': 'application/json' } }), 'malformed_json'],
    ['create: name of the wrong type', () => json('POST', () => '/api/v1/grid/members', { name: 5, phone: '13900001111', forceType: 'agency_cadre', regionCode: A }), 'validation_failed'],
    ['create: unknown field', () => json('POST', () => '/api/v1/grid/members', { name: '甲', phone: '13900001111', forceType: 'agency_cadre', regionCode: A, age: 3 }), 'validation_failed'],
    ['create: missing phone', () => json('POST', () => '/api/v1/grid/members', { name: '甲', forceType: 'agency_cadre', regionCode: A }), 'validation_failed'],
    ['create: invalid phone', () => json('POST', () => '/api/v1/grid/members', { name: '甲', phone: '12345', forceType: 'agency_cadre', regionCode: A }), 'validation_failed'],
    ['create: unknown force type', () => json('POST', () => '/api/v1/grid/members', { name: '甲', phone: '13900001111', forceType: 'chef', regionCode: A }), 'validation_failed'],
    ['create: neither region nor micro-grid', () => json('POST', () => '/api/v1/grid/members', { name: '甲', phone: '13900001111', forceType: 'agency_cadre' }), 'validation_failed'],
    ['create: bad micro-grid code', () => json('POST', () => '/api/v1/grid/members', { name: '甲', phone: '13900001111', forceType: 'agency_cadre', assignments: [{ microGridCode: '123' }] }), 'validation_failed'],
    ['create: bad role', () => json('POST', () => '/api/v1/grid/members', { name: '甲', phone: '13900001111', forceType: 'agency_cadre', assignments: [{ microGridCode: A1a, role: 'boss' }] }), 'validation_failed'],
    ['update: malformed JSON', () => malformed('PATCH', () => `/api/v1/grid/members/${id}`), 'malformed_json'],
    ['update: missing version', () => json('PATCH', () => `/api/v1/grid/members/${id}`, { name: '乙' }), 'validation_failed'],
    ['update: version as text', () => json('PATCH', () => `/api/v1/grid/members/${id}`, { version: '1', name: '乙' }), 'validation_failed'],
    ['update: unknown field', () => json('PATCH', () => `/api/v1/grid/members/${id}`, { version: 1, nickname: '乙' }), 'validation_failed'],
    ['update: empty name', () => json('PATCH', () => `/api/v1/grid/members/${id}`, { version: 1, name: ' ' }), 'validation_failed'],
    ['deactivate: malformed JSON', () => malformed('POST', () => `/api/v1/grid/members/${id}/deactivate`), 'malformed_json'],
    ['deactivate: missing version', () => json('POST', () => `/api/v1/grid/members/${id}/deactivate`, {}), 'validation_failed'],
    ['deactivate: unknown field', () => json('POST', () => `/api/v1/grid/members/${id}/deactivate`, { version: 1, reason: 'x' }), 'validation_failed'],
    ['reactivate: malformed JSON', () => malformed('POST', () => `/api/v1/grid/members/${id}/reactivate`), 'malformed_json'],
    ['reactivate: version of the wrong type', () => json('POST', () => `/api/v1/grid/members/${id}/reactivate`, { version: true }), 'validation_failed'],
    ['assign: malformed JSON', () => malformed('POST', () => `/api/v1/grid/members/${id}/assignments`), 'malformed_json'],
    ['assign: missing micro-grid', () => json('POST', () => `/api/v1/grid/members/${id}/assignments`, { role: 'member' }), 'validation_failed'],
    ['assign: code as a number', () => json('POST', () => `/api/v1/grid/members/${id}/assignments`, { microGridCode: 5101130020010102 }), 'validation_failed'],
    ['assign: unknown field', () => json('POST', () => `/api/v1/grid/members/${id}/assignments`, { microGridCode: A1b, since: '2024' }), 'validation_failed'],
    ['unassign: bad code in the path', () => ({ method: 'DELETE', url: `/api/v1/grid/members/${id}/assignments/12` }), 'validation_failed'],
    ['staffing rule: malformed JSON', () => malformed('PUT', () => '/api/v1/grid/staffing-rule'), 'malformed_json'],
    ['staffing rule: missing minimum', () => json('PUT', () => '/api/v1/grid/staffing-rule', { version: 0 }), 'validation_failed'],
    ['staffing rule: unknown key', () => json('PUT', () => '/api/v1/grid/staffing-rule', { version: 0, minimum: { chef: 1 } }), 'validation_failed'],
    ['staffing rule: count as text', () => json('PUT', () => '/api/v1/grid/staffing-rule', { version: 0, minimum: { cadre: '1' } }), 'validation_failed'],
    ['staffing rule: unknown field', () => json('PUT', () => '/api/v1/grid/staffing-rule', { version: 0, minimum: {}, strict: true }), 'validation_failed'],
    ['GeoJSON: malformed JSON', () => malformed('POST', () => '/api/v1/grid/areas/import-geojson'), 'malformed_json'],
    ['GeoJSON: not a FeatureCollection', () => json('POST', () => '/api/v1/grid/areas/import-geojson', { type: 'Feature', features: [] }), 'validation_failed'],
    ['GeoJSON: features not an array', () => json('POST', () => '/api/v1/grid/areas/import-geojson', { type: 'FeatureCollection', features: 'x' }), 'validation_failed'],
    ['GeoJSON: no features', () => json('POST', () => '/api/v1/grid/areas/import-geojson', { type: 'FeatureCollection', features: [] }), 'validation_failed'],
    ['GeoJSON: missing name', () => json('POST', () => '/api/v1/grid/areas/import-geojson', fc({ level: 'grid', parentCode: D })), 'validation_failed'],
    ['GeoJSON: wrong level', () => json('POST', () => '/api/v1/grid/areas/import-geojson', fc({ ...goodProps, level: 'village' })), 'validation_failed'],
    ['GeoJSON: unknown member', () => json('POST', () => '/api/v1/grid/areas/import-geojson', { ...fc(goodProps), note: 'x' }), 'validation_failed'],
    ['GeoJSON: bad dryRun', () => json('POST', () => '/api/v1/grid/areas/import-geojson?dryRun=yes', fc(goodProps)), 'validation_failed'],
    ['list: unknown force type', () => ({ method: 'GET', url: '/api/v1/grid/members?forceType=chef' }), 'validation_failed'],
    ['list: limit 0', () => ({ method: 'GET', url: '/api/v1/grid/members?limit=0' }), 'validation_failed'],
    ['list: unknown parameter', () => ({ method: 'GET', url: '/api/v1/grid/members?sort=name' }), 'validation_failed'],
    ['list: bad region', () => ({ method: 'GET', url: '/api/v1/grid/members?region=abc' }), 'validation_failed'],
    ['list: bad format', () => ({ method: 'GET', url: '/api/v1/grid/members?format=pdf' }), 'validation_failed'],
    ['detail: id too long', () => ({ method: 'GET', url: `/api/v1/grid/members/${'x'.repeat(65)}` }), 'validation_failed'],
    ['coverage: missing region', () => ({ method: 'GET', url: '/api/v1/grid/coverage' }), 'validation_failed'],
    ['coverage: bad region', () => ({ method: 'GET', url: '/api/v1/grid/coverage?region=51011' }), 'validation_failed'],
    ['coverage: unknown parameter', () => ({ method: 'GET', url: `/api/v1/grid/coverage?region=${A}&x=1` }), 'validation_failed'],
    ['coverage map: missing region', () => ({ method: 'GET', url: '/api/v1/grid/coverage.geojson' }), 'validation_failed'],
    ['overlaps: missing village', () => ({ method: 'GET', url: '/api/v1/grid/areas/overlaps' }), 'validation_failed'],
    ['accounts: limit too large', () => ({ method: 'GET', url: '/api/v1/grid/accounts?limit=500' }), 'validation_failed'],
    ['accounts: search too long', () => ({ method: 'GET', url: `/api/v1/grid/accounts?q=${'长'.repeat(81)}` }), 'validation_failed'],
    ['accounts: unknown parameter', () => ({ method: 'GET', url: '/api/v1/grid/accounts?role=admin' }), 'validation_failed'],
  ];

  it.each(cases)('%s', async (_name, request, code) => {
    const before = await counts();
    const res = await admin.request(request());
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe(code);
    expect(await counts()).toEqual(before);
  });

  it('answers 404 for a member that does not exist', async () => {
    expect((await admin.get('/api/v1/grid/members/no-such-member')).statusCode).toBe(404);
    expect((await admin.patch('/api/v1/grid/members/no-such-member', { version: 1, name: '无' })).statusCode).toBe(404);
    expect((await admin.get(`/api/v1/grid/coverage?region=510113999999`)).statusCode).toBe(404);
  });
});

describe('for the cases module', () => {
  it('lists candidates of a micro-grid by force type, leaders first, and links users to members', async () => {
    const ctx = t.gz.ctx;
    const user = await t.userSession('grid_worker', [A2], { username: 'worker.a2' });
    const me = (await user.get('/api/v1/auth/me')).json().user;
    const m = await addMember(admin, { name: '网格员甲', forceType: 'committee_member', userId: me.id, assignments: [{ microGridCode: A2a, role: 'leader' }] });
    const other = await addMember(admin, { name: '网格员乙', forceType: 'committee_member', assignments: [{ microGridCode: A2a }] });
    expect(await memberIdOfUser(ctx, me.id)).toBe(m.id);
    expect(await memberIdOfUser(ctx, 'nobody')).toBeNull();
    expect(await microGridsOfMember(ctx, m.id)).toEqual([A2a]);
    const candidates = await listCandidates(ctx, A2a, 'committee_member');
    expect(candidates[0]).toEqual({ memberId: m.id, name: '网格员甲', unit: null, forceType: 'committee_member', role: 'leader' });
    expect(candidates.map((c) => c.memberId)).toContain(other.id);
    const taken = await admin.post('/api/v1/grid/members', { name: '重复关联', phone: nextPhone(), forceType: 'agency_cadre', regionCode: A, userId: me.id });
    expect(taken.statusCode).toBe(409);
    const unknownUser = await admin.post('/api/v1/grid/members', { name: '无此人', phone: nextPhone(), forceType: 'agency_cadre', regionCode: A, userId: 'no-such-user' });
    expect(unknownUser.statusCode).toBe(422);
  });
});

describe('OpenAPI', () => {
  it('documents every grid endpoint', async () => {
    const paths = Object.keys((await t.request({ method: 'GET', url: '/api/openapi.json' })).json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/grid/members',
        '/api/v1/grid/members/{id}',
        '/api/v1/grid/members/{id}/deactivate',
        '/api/v1/grid/members/{id}/reactivate',
        '/api/v1/grid/members/{id}/assignments',
        '/api/v1/grid/members/{id}/assignments/{microGridCode}',
        '/api/v1/grid/coverage',
        '/api/v1/grid/coverage.geojson',
        '/api/v1/grid/staffing-rule',
        '/api/v1/grid/areas/import-geojson',
        '/api/v1/grid/areas/overlaps',
      ]),
    );
  });
});
