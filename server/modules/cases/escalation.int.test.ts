import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openGongzhi, type Gongzhi } from '../../app.ts';
import type { Clock } from '../../platform/clock.ts';
import { createTestApp, testDb, type TestApp } from '../../testing/harness.ts';
import { casesManifest } from './manifest.ts';
import { escalateOverdue } from './service.ts';
import { createMicroGrids, garbage, people, report, type People } from './testing.ts';

let t: TestApp;
let p: People;
const START = '2026-03-02T01:00:00Z'; // Monday 09:00 in Chengdu
const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestApp({ clock: START });
  await createMicroGrids(t);
  p = await people(t);
});
afterAll(async () => t?.close());

const clock = () => t.clock as Clock & { set(at: string): void; advance(ms: number): void };

/** Move the clock (weeks at a time) and sign everyone in again, as sessions last hours. */
async function at(iso: string): Promise<void> {
  clock().set(iso);
  for (const key of ['workerA', 'workerB', 'village', 'town', 'admin'] as const) p[key] = await t.login(p[key].username);
}

async function reportMany(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await report(t, garbage());
    expect(res.statusCode).toBe(201);
    ids.push(res.json().id as string);
  }
  return ids;
}

async function escalationsOf(ids: readonly string[]) {
  const events = await t.gz.ctx.db.selectFrom('case_events').select(['case_id', 'detail_json']).where('action', '=', 'escalate').where('case_id', 'in', ids).execute();
  const perCase = new Map<string, number>();
  for (const e of events) perCase.set(e.case_id, (perCase.get(e.case_id) ?? 0) + 1);
  return { total: events.length, perCase };
}

async function levelsOf(ids: readonly string[]) {
  const rows = await t.gz.ctx.db.selectFrom('cases').select(['escalation_level']).where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.escalation_level));
}

describe('the escalation sweep', () => {
  it('is registered to run every minute in serving processes', () => {
    expect(casesManifest.sweeps?.map((s) => [s.id, s.everySeconds])).toEqual([['cases.escalate', 60]]);
  });

  it(`escalates each overdue case exactly once with two sweepers (${testDb === 'postgres' ? 'concurrently, two app instances on one database' : 'one after the other'})`, async () => {
    clock().set(START);
    const ids = await reportMany(24);
    clock().advance(DAY); // past the 4 working-hour acceptance limit
    let results: number[];
    if (testDb === 'postgres') {
      const second: Gongzhi = await openGongzhi({ config: t.gz.ctx.config, clock: t.clock, logLevel: 'silent', migrate: false, poolSize: 4 });
      results = await Promise.all([escalateOverdue(t.gz.ctx), escalateOverdue(second.ctx), escalateOverdue(t.gz.ctx), escalateOverdue(second.ctx)]);
      await second.close();
    } else {
      results = [await escalateOverdue(t.gz.ctx), await escalateOverdue(t.gz.ctx)];
    }
    const ours = await escalationsOf(ids);
    expect(ours.total).toBe(ids.length);
    expect([...ours.perCase.values()].every((n) => n === 1)).toBe(true);
    expect(results.reduce((a, b) => a + b, 0)).toBe(ids.length);
    expect(await levelsOf(ids)).toEqual(new Set(['village']));
    const audits = await t.gz.ctx.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'case.escalate').where('entity_id', 'in', ids).execute();
    expect(audits).toHaveLength(ids.length);
    // Nothing more to do until the village's fresh deadline passes too.
    expect(await escalateOverdue(t.gz.ctx)).toBe(0);
  });

  it('climbs village → town → district, one level per missed deadline, and stops at the top', async () => {
    clock().set('2026-03-09T01:00:00Z');
    const [id] = await reportMany(1);
    const level = async () => (await t.gz.ctx.db.selectFrom('cases').select(['escalation_level', 'missed_deadline']).where('id', '=', id!).executeTakeFirstOrThrow());
    for (const expected of ['village', 'town', 'district']) {
      clock().advance(DAY);
      await escalateOverdue(t.gz.ctx);
      expect((await level()).escalation_level).toBe(expected);
    }
    clock().advance(DAY);
    await escalateOverdue(t.gz.ctx);
    expect(await level()).toEqual({ escalation_level: 'district', missed_deadline: 1 });
    expect((await escalationsOf([id!])).total).toBe(3);
    expect(await escalateOverdue(t.gz.ctx)).toBe(0);
  });

  it('leaves suspended, closed and not-yet-due cases alone', async () => {
    await at('2026-03-16T01:00:00Z');
    const [due, early, suspended] = await reportMany(3);
    for (const id of [suspended!]) {
      await p.workerA.post(`/api/v1/cases/${id}/actions/accept`, { version: 1 });
      expect((await p.town.post(`/api/v1/cases/${id}/actions/suspend`, { version: 2, reason: '等待鉴定' })).statusCode).toBe(200);
    }
    clock().advance(2 * 3_600_000);
    await p.workerA.post(`/api/v1/cases/${early!}/actions/accept`, { version: 1 }); // a fresh 4-hour limit from 11:00
    clock().advance(4 * 3_600_000); // 15:00: the report's limit (14:30) has passed, the acceptance's (16:30) not
    await escalateOverdue(t.gz.ctx);
    const { perCase } = await escalationsOf([due!, early!, suspended!]);
    expect(perCase.get(due!)).toBe(1);
    expect(perCase.has(early!)).toBe(false);
    expect(perCase.has(suspended!)).toBe(false);
  });

  it('notifies the level escalated to, and the case closes late', async () => {
    await at('2026-03-23T01:00:00Z');
    const [id] = await reportMany(1);
    await at('2026-03-24T01:00:00Z');
    await escalateOverdue(t.gz.ctx);
    const forVillage = (await p.village.get('/api/v1/notifications')).json().items;
    expect(forVillage.some((n: { caseId: string; kind: string }) => n.caseId === id && n.kind === 'escalated')).toBe(true);
    const forWorker = (await p.workerA.get('/api/v1/notifications')).json().items;
    expect(forWorker.some((n: { caseId: string; kind: string }) => n.caseId === id && n.kind === 'escalated')).toBe(false);
    const detail = (await p.village.get(`/api/v1/cases/${id}`)).json();
    expect(detail.timeline.at(-1)).toMatchObject({ action: 'escalate', public: false, actor: { role: 'system' } });
    expect(detail.escalationLevel).toBe('village');
    expect((await t.request({ method: 'GET', url: `/api/v1/public/cases/${detail.trackingNo}` })).json().timeline.map((e: { action: string }) => e.action)).toEqual(['report']);
    let version = detail.version as number;
    const step = async (s: typeof p.village, action: string, body: Record<string, unknown> = {}) => {
      const res = await s.post(`/api/v1/cases/${id}/actions/${action}`, { version, ...body });
      expect(res.statusCode, res.body).toBe(200);
      version = res.json().version;
      return res.json();
    };
    await step(p.workerA, 'accept');
    await step(p.village, 'dispatch', { assignee: { kind: 'member', id: p.memberA } });
    await step(p.workerA, 'handle', { notes: '已处置' });
    await step(p.village, 'verify_pass');
    expect(await step(p.workerA, 'close')).toMatchObject({ status: 'closed', closedOnTime: false });
  });

  it('runs from the scheduler of a serving process', async () => {
    clock().set('2026-03-30T01:00:00Z');
    const [id] = await reportMany(1);
    clock().advance(DAY);
    t.gz.startScheduler();
    await vi.waitFor(async () => expect((await escalationsOf([id!])).total).toBe(1), { timeout: 10_000, interval: 250 });
  });
});
