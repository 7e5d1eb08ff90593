import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUserIdByUsername } from '../../platform/auth/service.ts';
import { createTestApp, type Session, type TestApp } from '../../testing/harness.ts';
import { verifyAudit } from '../../platform/audit/service.ts';
import { routePoint } from '../cases/routing.ts';
import { listCandidates, memberIdOfUser, microGridsOfMember } from '../grid/service.ts';
import { DEMO_PASSWORD } from './domain.ts';

const DISTRICT = '510113000000';
const WORKER_GRID = '51011300200101';

let t: TestApp;
let admin: Session;
let worker: Session;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  admin = await t.login('admin', DEMO_PASSWORD);
  worker = await t.login('grid', DEMO_PASSWORD);
}, 120_000);
afterAll(async () => t?.close());

async function figures(session: Session, region = DISTRICT, module = 'grid'): Promise<Record<string, number>> {
  const res = await session.get(`/api/v1/indicators?region=${region}&module=${module}`);
  expect(res.statusCode).toBe(200);
  return Object.fromEntries(res.json().items.map((i: { id: string; value: number }) => [i.id, i.value]));
}

describe('the demo reproduces the article for 510113000000', () => {
  it('has the six grid forces and counts every micro-grid', async () => {
    const f = await figures(admin);
    expect(f['grid.forces.agency_cadre']).toBe(3708);
    expect(f['grid.forces.town_cadre']).toBe(636);
    expect(f['grid.forces.committee_member']).toBeGreaterThanOrEqual(641);
    expect(f['grid.forces.committee_member']).toBeLessThanOrEqual(699);
    expect(f['grid.forces.enforcement']).toBe(425);
    expect(f['grid.forces.industry_service']).toBe(4071);
    expect(f['grid.forces.social_volunteer']).toBeGreaterThanOrEqual(70_001);
    expect(f['grid.forces.social_volunteer']).toBeLessThanOrEqual(79_999);
    const micro = await t.gz.ctx.db
      .selectFrom('regions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('level', '=', 'micro_grid')
      .where('valid_to', 'is', null)
      .executeTakeFirstOrThrow();
    expect(f['grid.micro_grids']).toBe(Number(micro.n));
    expect(f['grid.micro_grids']).toBeGreaterThanOrEqual(800);
    expect(f['grid.micro_grids']).toBeLessThanOrEqual(1500);
  });

  it('draws grids for every one of the 83 villages', async () => {
    const rows = await t.gz.ctx.db.selectFrom('regions').select('parent_code').distinct().where('level', '=', 'grid').execute();
    expect(rows).toHaveLength(83);
  });

  it('moves the figures when a member is added', async () => {
    const before = await figures(admin);
    const res = await admin.post('/api/v1/grid/members', { name: '新成员', phone: '16600001111', forceType: 'agency_cadre', unit: '区民政局', regionCode: DISTRICT, assignments: [{ microGridCode: `${WORKER_GRID}01` }] });
    expect(res.statusCode).toBe(201);
    const after = await figures(admin);
    expect(after['grid.forces.agency_cadre']).toBe(before['grid.forces.agency_cadre']! + 1);
    expect(after['grid.forces.social_volunteer']).toBe(before['grid.forces.social_volunteer']);
    const village = await figures(admin, '510113002001');
    expect(village['grid.forces.agency_cadre']).toBeGreaterThan(0);
    expect(village['grid.forces.agency_cadre']).toBeLessThan(after['grid.forces.agency_cadre']!);
  });

  it('drills into the records with masked phones', async () => {
    const res = await admin.get(`/api/v1/indicators/grid.forces.committee_member/records?region=${DISTRICT}&limit=20`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(body.value);
    expect(body.rows).toHaveLength(20);
    expect(body.rows.every((r: { phone: string; forceType: string }) => /^\d{3}\*{4}\d{4}$/.test(r.phone) && r.forceType === '社区两委')).toBe(true);
    const micro = (await admin.get(`/api/v1/indicators/grid.micro_grids/records?region=510113002001&limit=500`)).json();
    expect(micro.rows.length).toBe(micro.value);
    expect(micro.rows[0]).toMatchObject({ code: `${WORKER_GRID}01`, status: 'ok' });
  });

  it('leaves a few micro-grids short on purpose, and shows them', async () => {
    const c = (await admin.get(`/api/v1/grid/coverage?region=${DISTRICT}`)).json();
    expect(c.summary.empty).toBe(4);
    expect(c.summary.lacking).toBe(16);
    // The coverage page's totals are the cockpit's figures (3,708 agency cadres, one more if the test above ran first).
    const f = await figures(admin);
    for (const type of ['agency_cadre', 'town_cadre', 'committee_member', 'enforcement', 'industry_service', 'social_volunteer']) {
      expect(c.totals[type], type).toBe(f[`grid.forces.${type}`]);
    }
    expect(c.understaffed).toHaveLength(20);
  });

  it("links the demo grid worker to the committee member leading their grid's micro-grids", async () => {
    const ctx = t.gz.ctx;
    const userId = (await findUserIdByUsername(ctx, 'grid'))!.id;
    const memberId = await memberIdOfUser(ctx, userId);
    expect(memberId).not.toBeNull();
    const codes = await microGridsOfMember(ctx, memberId!);
    expect(codes).toEqual([1, 2, 3, 4].map((n) => `${WORKER_GRID}0${n}`));
    const candidates = await listCandidates(ctx, `${WORKER_GRID}01`, 'committee_member');
    expect(candidates[0]).toMatchObject({ memberId, role: 'leader', forceType: 'committee_member' });

    const mine = (await worker.get(`/api/v1/grid/members/${memberId}`)).json();
    expect(mine).toMatchObject({ forceType: 'committee_member', phoneMasked: true });
    const coverage = (await worker.get(`/api/v1/grid/coverage?region=${WORKER_GRID}`)).json();
    expect(coverage.microGrids.map((m: { code: string; status: string }) => m.status)).toEqual(['ok', 'ok', 'ok', 'ok']);
    const seen = (await worker.get('/api/v1/grid/members?limit=500&status=all')).json();
    expect(seen.total).toBeGreaterThan(0);
    for (const m of seen.items as { regionCode: string; assignments: { microGridCode: string }[] }[]) {
      expect(m.regionCode.startsWith(WORKER_GRID) || m.assignments.some((a) => a.microGridCode.startsWith(WORKER_GRID))).toBe(true);
    }
  });
});

describe('the demo has a year of cases', () => {
  const YEAR = 366 * 86_400_000;

  it('about a year of reports, most closed on time, some open, a few overdue', async () => {
    const rows = await t.gz.ctx.db.selectFrom('cases').select(['status', 'created_at', 'closed_at', 'closed_on_time', 'deadline', 'missed_deadline']).execute();
    expect(rows.length).toBeGreaterThanOrEqual(2_000);
    const now = t.clock.now().getTime();
    const created = rows.map((r) => Date.parse(r.created_at));
    expect(Math.min(...created)).toBeGreaterThanOrEqual(now - YEAR);
    expect(Math.max(...created)).toBeLessThanOrEqual(now);
    // Spread over the year: every quarter has reports.
    for (let q = 0; q < 4; q++) expect(created.some((c) => c >= now - (q + 1) * (YEAR / 4) && c < now - q * (YEAR / 4)), `quarter ${q}`).toBe(true);

    const closed = rows.filter((r) => r.status === 'closed');
    const open = rows.filter((r) => r.status !== 'closed' && r.status !== 'rejected');
    expect(closed.length / rows.length).toBeGreaterThan(0.7);
    expect(open.length).toBeGreaterThan(0);
    expect(closed.every((r) => r.closed_at !== null && Date.parse(r.closed_at) >= Date.parse(r.created_at))).toBe(true);

    const f = await figures(admin, DISTRICT, 'cases');
    expect(f['cases.open']).toBe(open.length);
    expect(f['cases.closed_on_time_rate']).toBeGreaterThan(80);
    expect(f['cases.closed_on_time_rate']).toBeLessThan(100);
    expect(f['cases.overdue']).toBeGreaterThan(0);
    expect(f['cases.overdue']).toBeLessThan(f['cases.open']!);
    // Overdue: an open case that missed a time limit on the way, or whose running clock has passed its deadline.
    const overdue = open.filter((r) => r.missed_deadline === 1 || (r.status !== 'suspended' && r.deadline !== null && Date.parse(r.deadline) < now));
    expect(f['cases.overdue']).toBe(overdue.length);
  });

  it('each case lies in the micro-grid it was routed to, with its timeline from the report on and an intact audit chain', async () => {
    const ctx = t.gz.ctx;
    const sample = await ctx.db.selectFrom('cases').select(['id', 'lat', 'lng', 'region_code', 'region_level', 'status']).orderBy('id').limit(200).execute();
    for (const c of sample) {
      expect(c.region_level).toBe('micro_grid');
      expect((await routePoint(ctx, c.lng!, c.lat!))?.region.code, c.id).toBe(c.region_code);
      const events = await ctx.db.selectFrom('case_events').select(['action', 'to_status']).where('case_id', '=', c.id).orderBy('at').orderBy('id').execute();
      expect(events[0]?.action).toBe('report');
      expect(events.at(-1)?.to_status).toBe(c.status);
    }
    expect(await verifyAudit(ctx.db)).toMatchObject({ ok: true });
  });
});
