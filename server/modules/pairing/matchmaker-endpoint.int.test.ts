import fc from 'fast-check';
import GLPK from 'glpk.js/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/auth/actor.ts';
import { countRows, createTestApp, type Session, type TestApp } from '../../testing/harness.ts';
import type { MatchInstance } from './matchmaker.ts';
import { matchProblem } from './matchmaking.ts';

const DISTRICT = '510113000000';
const FUHONG = '510113111000'; // 福洪镇: 4 communities, 5 villages
const XINGHUA = '510113111003'; // 杏花社区
const BISHAN = '510113111209'; // 壁山村
const WEIGHTS = { tags: 60, nearness: 30, balance: 10 };

let t: TestApp;
let admin: Session;
const partners: { id: string; version: number; name: string }[] = [];

/** The lexicographic optimum by linear programming: most villages covered, then the greatest total fit. */
async function lpOptimum(instance: MatchInstance): Promise<{ covered: number; totalFit: number }> {
  // No candidate arc (every capacity 0): the optimum is empty, and glpk.js aborts on an empty problem.
  if (instance.arcs.length === 0) return { covered: 0, totalFit: 0 };
  const glpk = await GLPK();
  const big = instance.arcs.reduce((a, arc) => a + arc.fit, 0) + 1;
  const x = (i: number) => `x${i}`;
  const result = glpk.solve(
    {
      name: 'matchmaker',
      objective: { direction: glpk.GLP_MAX, name: 'value', vars: instance.arcs.map((arc, i) => ({ name: x(i), coef: big + arc.fit })) },
      subjectTo: [
        ...instance.villages.map((v) => ({
          name: `v${v.id}`,
          vars: instance.arcs.flatMap((arc, i) => (arc.villageId === v.id ? [{ name: x(i), coef: 1 }] : [])),
          bnds: { type: glpk.GLP_UP, ub: v.need, lb: 0 },
        })),
        ...instance.organisations.map((o) => ({
          name: `o${o.id}`,
          vars: instance.arcs.flatMap((arc, i) => (arc.orgId === o.id ? [{ name: x(i), coef: 1 }] : [])),
          bnds: { type: glpk.GLP_UP, ub: o.capacity, lb: 0 },
        })),
      ].filter((row) => row.vars.length > 0),
      bounds: instance.arcs.map((_, i) => ({ name: x(i), type: glpk.GLP_DB, lb: 0, ub: 1 })),
    },
    { msglev: glpk.GLP_MSG_OFF },
  );
  const z = Math.round(result.result.z);
  return { covered: Math.floor(z / big), totalFit: z % big };
}

const run = (session: Session, over: Record<string, unknown> = {}) =>
  session.post('/api/v1/pairing/matchmaker/run', { region: FUHONG, weights: WEIGHTS, mechanism: 'agency_village', modeId: 'medical', ...over });

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.userSession('district_admin', [DISTRICT]);
  const specs = [
    { name: '区卫生健康局', capacity: 2, resourceTags: ['medical', 'elderly_care'] },
    { name: '区司法局', capacity: 1, resourceTags: ['legal'] },
    { name: '区农业农村局', capacity: 2, resourceTags: ['industry', 'technology'] },
  ];
  for (const s of specs) {
    const res = await admin.post('/api/v1/orgs', { ...s, domain: 'agency', regionCode: DISTRICT });
    partners.push(res.json());
  }
  // A firm cannot help under agency + village: it must never be suggested there.
  await admin.post('/api/v1/orgs', { name: '成都丰科生物科技有限公司', domain: 'two_new_economic', regionCode: DISTRICT, capacity: 5, resourceTags: ['medical'] });
  const villages = (await admin.get(`/api/v1/orgs?region=${FUHONG}&domain=village,urban_community`)).json().items;
  const needs: Record<string, string[]> = { [XINGHUA]: ['medical', 'culture'], [BISHAN]: ['legal', 'industry'] };
  for (const v of villages) if (needs[v.regionCode]) await admin.patch(`/api/v1/orgs/${v.id}`, { version: v.version, needTags: needs[v.regionCode] });
});
afterAll(async () => t?.close());

describe('running the matchmaker', () => {
  it('covers as many villages as capacity allows, says which it cannot, and proves it optimal', async () => {
    const res = await run(admin);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.candidates).toEqual({ villages: 9, organisations: 3, arcs: 27 });
    expect(body.suggestions).toHaveLength(5); // capacities 2 + 1 + 2
    expect(body.uncoveredCount).toBe(4);
    expect(body.uncovered.every((u: { reason: string }) => u.reason.includes('capacity'))).toBe(true);
    expect(body.optimal).toBe(true);
    const load = new Map<string, number>();
    for (const s of body.suggestions) load.set(s.orgId, (load.get(s.orgId) ?? 0) + 1);
    expect(Object.fromEntries(partners.map((p) => [p.name, load.get(p.id) ?? 0]))).toEqual({ 区卫生健康局: 2, 区司法局: 1, 区农业农村局: 2 });
    expect(new Set(body.suggestions.map((s: { villageCode: string }) => s.villageCode)).size).toBe(5);
  });

  it('explains each suggestion: the tags that match and the distance', async () => {
    const body = (await run(admin)).json();
    const xinghua = body.suggestions.find((s: { villageCode: string }) => s.villageCode === XINGHUA);
    // One of its two needs met: 60 × ½ points; no village here has partners yet, so no domain is favoured.
    expect(xinghua).toMatchObject({ villageName: '杏花社区居民委员会', orgName: '区卫生健康局', explanation: { matchingTags: ['medical'], parts: { tags: 30, balance: 0 } } });
    const bishan = body.suggestions.find((s: { villageCode: string }) => s.villageCode === BISHAN);
    expect(['区司法局', '区农业农村局']).toContain(bishan.orgName);
    for (const s of body.suggestions) {
      expect(s.explanation.distanceKm).toBeGreaterThan(0);
      expect(s.explanation.distanceKm).toBeLessThan(60);
      expect(s.fit).toBe(s.explanation.parts.tags + s.explanation.parts.nearness + s.explanation.parts.balance);
    }
  });

  it('reaches the linear-programming optimum on the instance it builds, for random capacities and tags', async () => {
    const tagArb = fc.subarray(['medical', 'legal', 'industry', 'technology', 'culture', 'funds']);
    try {
      await fc.assert(
        fc.asyncProperty(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })), fc.array(tagArb, { minLength: 3, maxLength: 3 }), fc.record({ tags: fc.integer({ min: 0, max: 100 }), nearness: fc.integer({ min: 0, max: 100 }), balance: fc.integer({ min: 0, max: 100 }) }), async (capacities, tags, weights) => {
          for (const [i, p] of partners.entries()) {
            const res = await admin.patch(`/api/v1/orgs/${p.id}`, { version: p.version, capacity: capacities[i], resourceTags: tags[i] });
            expect(res.statusCode, res.body).toBe(200);
            p.version = res.json().version;
          }
          const input = { region: FUHONG, weights, mechanism: 'agency_village', modeId: 'medical' };
          const body = (await run(admin, { weights })).json();
          const problem = await matchProblem(t.gz.ctx, systemActor, input);
          const lp = await lpOptimum(problem.instance);
          expect(body.suggestions.length).toBe(lp.covered);
          expect(body.totalFit).toBe(lp.totalFit);
          expect(body.uncoveredCount).toBe(9 - lp.covered);
          expect(body.optimal).toBe(true);
          for (const [i, p] of partners.entries()) expect(body.suggestions.filter((s: { orgId: string }) => s.orgId === p.id).length).toBeLessThanOrEqual(capacities[i]!);
        }),
        // Always include the case where nobody has capacity left: nothing to suggest, every village uncovered.
        { numRuns: 12, examples: [[[0, 0, 0], [[], [], []], { tags: 0, nearness: 0, balance: 0 }]] },
      );
    } finally {
      // Put the partners back as the later tests expect them, even when the property failed.
      for (const [i, p] of partners.entries()) {
        const res = await admin.patch(`/api/v1/orgs/${p.id}`, { version: p.version, capacity: [2, 1, 2][i], resourceTags: [['medical', 'elderly_care'], ['legal'], ['industry', 'technology']][i] });
        p.version = res.json().version;
      }
    }
  });

  it('leaves out partners beyond the distance limit, saying no partner is eligible', async () => {
    const body = (await run(admin, { maxDistanceKm: 0.01, villages: [XINGHUA] })).json();
    expect(body.suggestions).toEqual([]);
    expect(body.uncovered).toEqual([{ code: XINGHUA, name: '杏花社区居民委员会', reason: expect.stringContaining('No eligible partner') }]);
  });

  it('refuses a three-party mechanism, an unknown mode and a village outside the region with 422', async () => {
    expect((await run(admin, { mechanism: 'industry_two_new_village' })).json().error.message).toContain('one to one');
    expect((await run(admin, { modeId: 'flying' })).statusCode).toBe(422);
    const outside = await run(admin, { villages: ['510113002001'] });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().error.details[0].message).toBe('510113002001');
  });

  it('is for admins, inside their scope', async () => {
    const liaison = await t.userSession('org_liaison', [DISTRICT], { orgId: partners[0]!.id });
    expect((await run(liaison)).statusCode).toBe(403);
    const otherTown = await t.userSession('town_admin', ['510113002000']);
    expect((await run(otherTown)).statusCode).toBe(404);
  });
});

describe('accepting suggestions', () => {
  it('turns the chosen suggestions into proposed pairings, all in one go, and leaves those villages out of the next run', async () => {
    const body = (await run(admin)).json();
    const chosen = body.suggestions.slice(0, 2).map((s: { villageCode: string; orgId: string }) => ({ villageCode: s.villageCode, orgId: s.orgId }));
    const res = await admin.post('/api/v1/pairing/matchmaker/accept', { suggestions: chosen, mechanism: 'agency_village', modeId: 'medical', runId: body.runId });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().created).toHaveLength(2);
    expect(res.json().created[0]).toMatchObject({ status: 'proposed', source: 'matchmaker', modeKey: 'medical', mechanismKey: 'agency_village', regionCode: chosen[0].villageCode });
    const proposed = (await admin.get('/api/v1/pairings?status=proposed')).json().items;
    expect(proposed).toHaveLength(2);
    const next = (await run(admin)).json();
    expect(next.candidates.villages).toBe(7);
    expect(next.suggestions.some((s: { villageCode: string }) => chosen.some((c: { villageCode: string }) => c.villageCode === s.villageCode))).toBe(false);
  });

  it('refuses the whole batch when one item breaks a rule, naming each, and writes nothing', async () => {
    const body = (await run(admin)).json();
    const firm = (await admin.get(`/api/v1/orgs?q=${encodeURIComponent('丰科')}`)).json().items[0];
    const accepted = (await admin.get('/api/v1/pairings?status=proposed')).json().items[0];
    const before = await Promise.all(['pairings', 'pairing_parties', 'pairing_tasks', 'audit_log'].map((table) => countRows(t, table)));
    const res = await admin.post('/api/v1/pairing/matchmaker/accept', {
      suggestions: [
        { villageCode: body.suggestions[0].villageCode, orgId: body.suggestions[0].orgId },
        { villageCode: body.suggestions[1].villageCode, orgId: firm.id },
        { villageCode: accepted.regionCode, orgId: accepted.parties[0].orgId },
      ],
      mechanism: 'agency_village',
      modeId: 'medical',
    });
    expect(res.statusCode).toBe(422);
    const details = res.json().error.details;
    expect(details.map((d: { index: number }) => d.index)).toEqual([1, 2]);
    expect(details[0].message).toContain('成都丰科生物科技有限公司');
    expect(details[1].status).toBe(409);
    expect(await Promise.all(['pairings', 'pairing_parties', 'pairing_tasks', 'audit_log'].map((table) => countRows(t, table)))).toEqual(before);
  });
});

describe('domain balance', () => {
  it('favours the kind of partner a village has least of', async () => {
    const port = (await admin.post('/api/v1/orgs', { name: '成都国际陆港运营有限公司', domain: 'state_enterprise', regionCode: DISTRICT, capacity: 2, resourceTags: [] })).json();
    const bishan = (await admin.get(`/api/v1/orgs?region=${BISHAN}`)).json().items[0];
    const paired = await admin.post('/api/v1/pairings', {
      modeKey: 'legal',
      mechanismKey: 'agency_village',
      parties: [
        { orgId: partners[2]!.id, role: 'helping', lead: true },
        { orgId: bishan.id, role: 'helped' },
      ],
      startDate: '2026-01-01',
      status: 'active',
    });
    expect(paired.statusCode, paired.body).toBe(201);
    const problem = await matchProblem(t.gz.ctx, systemActor, { region: FUHONG, villages: [BISHAN], weights: WEIGHTS, mechanism: 'agency_village', modeId: 'medical' });
    // 壁山村 has an agency partner already: a state enterprise earns the whole balance bonus, an agency none.
    expect(problem.explanations.get(`${BISHAN}|${port.id}`)?.parts.balance).toBe(10);
    expect(problem.explanations.get(`${BISHAN}|${partners[0]!.id}`)?.parts.balance).toBe(0);
  });
});
