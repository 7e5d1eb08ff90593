import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import GLPK from 'glpk.js/node';
import {
  checkCertificate,
  matchmake,
  SearchStoppedError,
  solveBySuccessiveShortestPaths,
  verifyOptimality,
  warmStartFrom,
  type Assignment,
  type MatchInstance,
  type MatchResult,
} from './matchmaker.ts';
import { DEFAULT_FIT_WEIGHTS, scoreFit, underRepresentationBonus, type ScoreFitInput } from './fit.ts';

const glpk = await GLPK();

/** Candidate pairs with their fit, repeated pairs merged keeping the highest fit (as the matchmaker does). */
function candidatePairs(instance: MatchInstance): Map<string, { villageId: string; orgId: string; fit: number }> {
  const pairs = new Map<string, { villageId: string; orgId: string; fit: number }>();
  for (const arc of instance.arcs) {
    const key = `${arc.villageId}\u0000${arc.orgId}`;
    const seen = pairs.get(key);
    if (seen === undefined || arc.fit > seen.fit) pairs.set(key, { villageId: arc.villageId, orgId: arc.orgId, fit: arc.fit });
  }
  return pairs;
}

/**
 * The optimum by linear programming, lexicographically in two solves: the most covered slots, then the
 * highest total fit with that many covered. x ∈ [0, 1] per candidate pair; Σ x ≤ need per village,
 * Σ x ≤ capacity per organisation. The constraint matrix is that of a network, so the optima are
 * integral (and we only compare objective values).
 */
function lpOptimum(instance: MatchInstance): { covered: number; totalFit: number } {
  const pairs = [...candidatePairs(instance).values()];
  if (pairs.length === 0) return { covered: 0, totalFit: 0 };
  const name = (i: number): string => `x${i}`;
  const rows = [
    ...instance.villages.map((v) => ({
      name: `v_${v.id}`,
      vars: pairs.flatMap((p, i) => (p.villageId === v.id ? [{ name: name(i), coef: 1 }] : [])),
      bnds: { type: glpk.GLP_UP, ub: v.need, lb: 0 },
    })),
    ...instance.organisations.map((o) => ({
      name: `o_${o.id}`,
      vars: pairs.flatMap((p, i) => (p.orgId === o.id ? [{ name: name(i), coef: 1 }] : [])),
      bnds: { type: glpk.GLP_UP, ub: o.capacity, lb: 0 },
    })),
  ].filter((row) => row.vars.length > 0);
  const bounds = pairs.map((_, i) => ({ name: name(i), type: glpk.GLP_DB, lb: 0, ub: 1 }));
  const ones = pairs.map((_, i) => ({ name: name(i), coef: 1 }));
  const first = glpk.solve(
    { name: 'cover', objective: { direction: glpk.GLP_MAX, name: 'slots', vars: ones }, subjectTo: rows, bounds },
    { msglev: glpk.GLP_MSG_OFF },
  );
  expect(first.result.status).toBe(glpk.GLP_OPT);
  const covered = Math.round(first.result.z);
  const second = glpk.solve(
    {
      name: 'fit',
      objective: { direction: glpk.GLP_MAX, name: 'fit', vars: pairs.map((p, i) => ({ name: name(i), coef: p.fit })) },
      subjectTo: [...rows, { name: 'covered', vars: ones, bnds: { type: glpk.GLP_LO, lb: covered, ub: 0 } }],
      bounds,
    },
    { msglev: glpk.GLP_MSG_OFF },
  );
  expect(second.result.status).toBe(glpk.GLP_OPT);
  return { covered, totalFit: Math.round(second.result.z) };
}

/** Feasibility of a result, checked directly: candidate arcs only, each once, within needs and capacities. */
function expectFeasible(instance: MatchInstance, result: MatchResult): void {
  const pairs = candidatePairs(instance);
  const used = new Set<string>();
  const served = new Map<string, number>();
  const load = new Map<string, number>();
  for (const a of result.assignments) {
    const key = `${a.villageId}\u0000${a.orgId}`;
    expect(pairs.get(key)?.fit).toBe(a.fit);
    expect(used.has(key)).toBe(false);
    used.add(key);
    served.set(a.villageId, (served.get(a.villageId) ?? 0) + 1);
    load.set(a.orgId, (load.get(a.orgId) ?? 0) + 1);
  }
  for (const v of instance.villages) expect(served.get(v.id) ?? 0).toBeLessThanOrEqual(v.need);
  for (const o of instance.organisations) expect(load.get(o.id) ?? 0).toBeLessThanOrEqual(o.capacity);
  expect(result.covered).toBe(result.assignments.length);
  expect(result.totalFit).toBe(result.assignments.reduce((sum, a) => sum + a.fit, 0));
  const missing = instance.villages.flatMap((v) => {
    const m = v.need - (served.get(v.id) ?? 0);
    return m > 0 ? [{ villageId: v.id, missing: m }] : [];
  });
  expect(result.uncovered).toEqual(missing);
}

/** The same result with other assignments, totals and uncovered list made consistent, certificate kept. */
function withAssignments(instance: MatchInstance, result: MatchResult, assignments: Assignment[]): MatchResult {
  const served = new Map<string, number>();
  for (const a of assignments) served.set(a.villageId, (served.get(a.villageId) ?? 0) + 1);
  const uncovered = instance.villages.flatMap((v) => {
    const m = v.need - (served.get(v.id) ?? 0);
    return m > 0 ? [{ villageId: v.id, missing: m }] : [];
  });
  return {
    ...result,
    assignments,
    covered: assignments.length,
    totalFit: assignments.reduce((sum, a) => sum + a.fit, 0),
    uncovered,
  };
}

/**
 * Small random instances: up to 12 villages × 10 organisations, dense or sparse candidates, capacity
 * short or ample, fits in a random range (small ranges give many ties).
 */
const smallInstance: fc.Arbitrary<MatchInstance> = fc
  .record({ nV: fc.integer({ min: 0, max: 12 }), nO: fc.integer({ min: 0, max: 10 }), maxNeed: fc.integer({ min: 1, max: 3 }), maxCapacity: fc.integer({ min: 1, max: 3 }) })
  .chain(({ nV, nO, maxNeed, maxCapacity }) =>
    fc.record({
      needs: fc.array(fc.integer({ min: 0, max: maxNeed }), { minLength: nV, maxLength: nV }),
      capacities: fc.array(fc.integer({ min: 0, max: maxCapacity }), { minLength: nO, maxLength: nO }),
      maxFit: fc.constantFrom(0, 3, 100, 1_000_000),
      arcs: fc.array(fc.tuple(fc.nat(Math.max(0, nV - 1)), fc.nat(Math.max(0, nO - 1)), fc.double({ min: 0, max: 1, noNaN: true })), {
        maxLength: nV * nO === 0 ? 0 : Math.min(120, 2 * nV * nO),
      }),
    }),
  )
  .map(({ needs, capacities, maxFit, arcs }) => ({
    villages: needs.map((need, i) => ({ id: `村${i}`, need })),
    organisations: capacities.map((capacity, i) => ({ id: `org-${i}`, capacity })),
    arcs: arcs.map(([v, o, r]) => ({ villageId: `村${v}`, orgId: `org-${o}`, fit: Math.min(maxFit, Math.floor(r * (maxFit + 1))) })),
  }));

const solverOptions = fc.record({
  scalingFactor: fc.constantFrom(2, 3, 8, 16),
  augmentingRounds: fc.constantFrom(0, 1, 2),
});

describe('matchmake: optimality against the LP optimum (glpk.js)', () => {
  it('covers as many slots and reaches the same total fit as the LP, on 200 random instances', () => {
    fc.assert(
      fc.property(smallInstance, solverOptions, (instance, options) => {
        const optimum = lpOptimum(instance);
        const ours = matchmake(instance, options);
        expect(ours.stats.algorithm).toBe('cost-scaling');
        expect({ covered: ours.covered, totalFit: ours.totalFit }).toEqual(optimum);
        expect(ours.certificate.verified).toBe(true);
        expect(ours.certificate.minReducedCost).toBeGreaterThanOrEqual(0);
        expectFeasible(instance, ours);
        const reference = solveBySuccessiveShortestPaths(instance);
        expect({ covered: reference.covered, totalFit: reference.totalFit }).toEqual(optimum);
        expect(reference.certificate.verified).toBe(true);
        expectFeasible(instance, reference);
      }),
      { numRuns: 200 },
    );
  });

  it('agrees with the reference algorithm on medium instances (more scaling phases, longer paths)', () => {
    // Villages and organisations on a line, candidates nearby, fit falling with distance: long chains.
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      let state = seed;
      const random = (): number => {
        state = (Math.imul(state, 1103515245) + 12345) >>> 0;
        return state / 2 ** 32;
      };
      const nV = 160;
      const nO = 110;
      const vx = Array.from({ length: nV }, () => random() * 100);
      const ox = Array.from({ length: nO }, () => random() * 100);
      const villages = vx.map((_, i) => ({ id: `v${i}`, need: random() < 0.2 ? 2 : 1 }));
      const organisations = ox.map((_, i) => ({ id: `o${i}`, capacity: 1 + (random() < 0.5 ? 1 : 0) + (seed % 2) }));
      const arcs = villages.flatMap((v, i) =>
        ox
          .map((x, o) => ({ o, d: Math.abs(x - vx[i]!) }))
          .sort((a, b) => a.d - b.d)
          .slice(0, 12)
          .map(({ o, d }) => ({ villageId: v.id, orgId: `o${o}`, fit: Math.max(0, Math.round(100 - 10 * d)) })),
      );
      const instance = { villages, organisations, arcs };
      const reference = solveBySuccessiveShortestPaths(instance);
      for (const augmentingRounds of [0, 2]) {
        const ours = matchmake(instance, { augmentingRounds });
        expect([ours.covered, ours.totalFit]).toEqual([reference.covered, reference.totalFit]);
        expect(ours.certificate.verified).toBe(true);
      }
    }
  });
});

describe('matchmake: feasibility', () => {
  it('never exceeds a need or a capacity, uses only candidate arcs, each at most once', () => {
    fc.assert(
      fc.property(smallInstance, solverOptions, (instance, options) => {
        expectFeasible(instance, matchmake(instance, { ...options, verify: false }));
      }),
      { numRuns: 200 },
    );
  });

  it('counts a repeated candidate pair once, with its highest fit', () => {
    const instance: MatchInstance = {
      villages: [{ id: 'a', need: 2 }],
      organisations: [{ id: 'x', capacity: 2 }],
      arcs: [
        { villageId: 'a', orgId: 'x', fit: 3 },
        { villageId: 'a', orgId: 'x', fit: 9 },
      ],
    };
    const result = matchmake(instance);
    expect(result.assignments).toEqual([{ villageId: 'a', orgId: 'x', fit: 9 }]);
    expect(result.uncovered).toEqual([{ villageId: 'a', missing: 1 }]);
    expect(result.certificate.verified).toBe(true);
  });

  it('handles empty instances and instances without arcs', () => {
    expect(matchmake({ villages: [], organisations: [], arcs: [] })).toMatchObject({ covered: 0, totalFit: 0, uncovered: [] });
    const lonely = matchmake({ villages: [{ id: 'a', need: 1 }], organisations: [{ id: 'x', capacity: 1 }], arcs: [] });
    expect(lonely.uncovered).toEqual([{ villageId: 'a', missing: 1 }]);
    expect(lonely.certificate.verified).toBe(true);
  });

  it('rejects malformed input', () => {
    const base: MatchInstance = { villages: [{ id: 'a', need: 1 }], organisations: [{ id: 'x', capacity: 1 }], arcs: [] };
    expect(() => matchmake({ ...base, villages: [...base.villages, { id: 'a', need: 1 }] })).toThrow(RangeError);
    expect(() => matchmake({ ...base, villages: [{ id: 'a', need: -1 }] })).toThrow(RangeError);
    expect(() => matchmake({ ...base, organisations: [{ id: 'x', capacity: 1.5 }] })).toThrow(RangeError);
    expect(() => matchmake({ ...base, arcs: [{ villageId: 'b', orgId: 'x', fit: 1 }] })).toThrow(/unknown village/);
    expect(() => matchmake({ ...base, arcs: [{ villageId: 'a', orgId: 'y', fit: 1 }] })).toThrow(/unknown organisation/);
    expect(() => matchmake({ ...base, arcs: [{ villageId: 'a', orgId: 'x', fit: 2.5 }] })).toThrow(RangeError);
    expect(() => matchmake({ ...base, arcs: [{ villageId: 'a', orgId: 'x', fit: -1 }] })).toThrow(RangeError);
  });
});

describe('matchmake: uncovered villages when capacity is short', () => {
  it('leaves uncovered the villages whose exclusion costs least fit, and says how many slots are missing', () => {
    const instance: MatchInstance = {
      villages: [
        { id: '东村', need: 1 },
        { id: '西村', need: 1 },
        { id: '南村', need: 2 },
        { id: '北村', need: 1 },
      ],
      organisations: [
        { id: '农业农村局', capacity: 2 },
        { id: '国企A', capacity: 1 },
      ],
      arcs: [
        { villageId: '东村', orgId: '农业农村局', fit: 80 },
        { villageId: '西村', orgId: '农业农村局', fit: 30 },
        { villageId: '南村', orgId: '农业农村局', fit: 70 },
        { villageId: '南村', orgId: '国企A', fit: 60 },
        { villageId: '东村', orgId: '国企A', fit: 90 },
      ],
    };
    const result = matchmake(instance);
    // Three slots of capacity for five slots of need (北村 has no candidate at all). 南村 needs two
    // partners and may take both organisations: 东村–农业农村局 80 + 南村–农业农村局 70 + 南村–国企A 60
    // = 210 beats giving 国企A to 东村 (90 + 70 + 30 = 190).
    expect(result.covered).toBe(3);
    expect(result.totalFit).toBe(210);
    expect(result.uncovered).toEqual([
      { villageId: '西村', missing: 1 },
      { villageId: '北村', missing: 1 },
    ]);
    expect(result.certificate.verified).toBe(true);
    const reference = solveBySuccessiveShortestPaths(instance);
    expect([reference.covered, reference.totalFit]).toEqual([result.covered, result.totalFit]);
  });

  it('prefers covering more slots to a higher fit', () => {
    // One organisation of capacity 1 is wanted by two villages; a second organisation only fits the
    // village that would also be the better partner for the first: covering both wins.
    const instance: MatchInstance = {
      villages: [
        { id: 'a', need: 1 },
        { id: 'b', need: 1 },
      ],
      organisations: [
        { id: 'x', capacity: 1 },
        { id: 'y', capacity: 1 },
      ],
      arcs: [
        { villageId: 'a', orgId: 'x', fit: 100 },
        { villageId: 'b', orgId: 'x', fit: 1 },
        { villageId: 'a', orgId: 'y', fit: 0 },
      ],
    };
    const result = matchmake(instance);
    expect(result.covered).toBe(2);
    expect(result.totalFit).toBe(1);
    expect(result.uncovered).toEqual([]);
  });

  it('finds the augmenting path that runs through every village and organisation', () => {
    // Village i lists organisation i+1 before i, so the greedy start gives each village the next
    // organisation and the last village none; the only way to cover it runs back along the whole chain
    // to organisation 0. With no augmenting rounds, push-relabel must follow it to its full length.
    for (const length of [1, 2, 3, 7, 20]) {
      const villages = Array.from({ length }, (_, i) => ({ id: `村${i}`, need: 1 }));
      const organisations = Array.from({ length }, (_, i) => ({ id: `单位${i}`, capacity: 1 }));
      const arcs = villages.flatMap((v, i) => [
        ...(i + 1 < length ? [{ villageId: v.id, orgId: `单位${i + 1}`, fit: 0 }] : []),
        { villageId: v.id, orgId: `单位${i}`, fit: 0 },
      ]);
      for (const augmentingRounds of [0, 1, 2]) {
        const result = matchmake({ villages, organisations, arcs }, { augmentingRounds });
        expect(result.stats.algorithm).toBe('cost-scaling');
        expect(result.covered).toBe(length);
        expect(result.uncovered).toEqual([]);
        expect(result.certificate.verified).toBe(true);
      }
    }
  });

  it('reports exactly the villages with missing slots on random instances', () => {
    fc.assert(
      fc.property(smallInstance, (instance) => {
        const result = matchmake(instance);
        const served = new Map<string, number>();
        for (const a of result.assignments) served.set(a.villageId, (served.get(a.villageId) ?? 0) + 1);
        for (const u of result.uncovered) expect(u.missing).toBe(instance.villages.find((v) => v.id === u.villageId)!.need - (served.get(u.villageId) ?? 0));
        const listed = new Set(result.uncovered.map((u) => u.villageId));
        for (const v of instance.villages) expect(listed.has(v.id)).toBe((served.get(v.id) ?? 0) < v.need);
      }),
      { numRuns: 100 },
    );
  });
});

describe('verifyOptimality', () => {
  const square: MatchInstance = {
    villages: [
      { id: 'a', need: 1 },
      { id: 'b', need: 1 },
    ],
    organisations: [
      { id: 'x', capacity: 1 },
      { id: 'y', capacity: 1 },
    ],
    arcs: [
      { villageId: 'a', orgId: 'x', fit: 10 },
      { villageId: 'a', orgId: 'y', fit: 1 },
      { villageId: 'b', orgId: 'x', fit: 1 },
      { villageId: 'b', orgId: 'y', fit: 10 },
    ],
  };

  it('accepts the results of both algorithms', () => {
    const result = matchmake(square);
    expect(result.totalFit).toBe(20);
    expect(verifyOptimality(square, result)).toBe(true);
    expect(verifyOptimality(square, solveBySuccessiveShortestPaths(square))).toBe(true);
  });

  it('rejects a deliberately suboptimal assignment, with any of the potentials tried', () => {
    const optimal = matchmake(square);
    const crossed = withAssignments(square, optimal, [
      { villageId: 'a', orgId: 'y', fit: 1 },
      { villageId: 'b', orgId: 'x', fit: 1 },
    ]);
    expect(crossed.covered).toBe(2);
    expect(verifyOptimality(square, crossed)).toBe(false);
    expect(checkCertificate(square, crossed).reason).toMatch(/reduced cost/);
    const zeros = {
      ...crossed,
      certificate: { ...crossed.certificate, potentials: { source: 0, sink: 0, villages: [0, 0], organisations: [0, 0] } },
    };
    expect(verifyOptimality(square, zeros)).toBe(false);
  });

  it('rejects an assignment that covers fewer slots than possible', () => {
    const optimal = matchmake(square);
    const short = withAssignments(square, optimal, [{ villageId: 'a', orgId: 'x', fit: 10 }]);
    expect(verifyOptimality(square, short)).toBe(false);
    expect(checkCertificate(square, short).reason).toMatch(/cut/);
  });

  it('rejects inconsistent or infeasible reports', () => {
    const optimal = matchmake(square);
    expect(verifyOptimality(square, { ...optimal, totalFit: 21 })).toBe(false);
    expect(verifyOptimality(square, { ...optimal, covered: 3 })).toBe(false);
    expect(verifyOptimality(square, { ...optimal, uncovered: [{ villageId: 'a', missing: 1 }] })).toBe(false);
    const twice = withAssignments(square, optimal, [...optimal.assignments, optimal.assignments[0]!]);
    expect(verifyOptimality(square, twice)).toBe(false);
    const wrongFit = withAssignments(
      square,
      optimal,
      optimal.assignments.map((a) => ({ ...a, fit: a.fit + 1 })),
    );
    expect(verifyOptimality(square, wrongFit)).toBe(false);
    const notCandidate = withAssignments(square, optimal, [{ villageId: 'a', orgId: 'z', fit: 0 }]);
    expect(verifyOptimality(square, notCandidate)).toBe(false);
  });

  it('rejects perturbed results on random instances (a slot dropped, or two partners swapped for less fit)', () => {
    fc.assert(
      fc.property(smallInstance, fc.nat(), (instance, pick) => {
        const result = matchmake(instance);
        expect(verifyOptimality(instance, result)).toBe(true);
        const n = result.assignments.length;
        if (n === 0) return;
        const dropped = withAssignments(
          instance,
          result,
          result.assignments.filter((_, i) => i !== pick % n),
        );
        expect(verifyOptimality(instance, dropped)).toBe(false);
        // Swap partners of two assignments when both crossed pairs are candidates and fit drops.
        const pairs = candidatePairs(instance);
        const taken = new Set(result.assignments.map((a) => `${a.villageId}\u0000${a.orgId}`));
        for (let i = 0; i < n; i++) {
          for (let j = i + 1; j < n; j++) {
            const p = result.assignments[i]!;
            const q = result.assignments[j]!;
            const pq = pairs.get(`${p.villageId}\u0000${q.orgId}`);
            const qp = pairs.get(`${q.villageId}\u0000${p.orgId}`);
            if (pq === undefined || qp === undefined || taken.has(`${p.villageId}\u0000${q.orgId}`) || taken.has(`${q.villageId}\u0000${p.orgId}`)) continue;
            if (pq.fit + qp.fit >= p.fit + q.fit) continue;
            const swapped = result.assignments.map((a, k) => (k === i ? pq : k === j ? qp : a));
            expect(verifyOptimality(instance, withAssignments(instance, result, swapped))).toBe(false);
            return;
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('matchmake: options', () => {
  it('reaches the same optimum from a warm start', () => {
    fc.assert(
      fc.property(smallInstance, (instance) => {
        const cold = matchmake(instance);
        const warm = matchmake(instance, { warmStart: warmStartFrom(instance, cold) });
        expect([warm.covered, warm.totalFit]).toEqual([cold.covered, cold.totalFit]);
        expect(warm.certificate.verified).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it('lets the caller stop the reference algorithm', () => {
    const instance: MatchInstance = {
      villages: [{ id: 'a', need: 1 }],
      organisations: [{ id: 'x', capacity: 1 }],
      arcs: [{ villageId: 'a', orgId: 'x', fit: 1 }],
    };
    expect(() => solveBySuccessiveShortestPaths(instance, { shouldStop: () => true })).toThrow(SearchStoppedError);
  });
});

describe('scoreFit', () => {
  const base: ScoreFitInput = {
    villageNeedTags: ['产业', '教育', '医疗'],
    orgResourceTags: ['教育', '产业'],
    distanceKm: 10,
    orgDomain: '国企',
  };

  it.each<[string, Partial<ScoreFitInput>, number, { tags: number; nearness: number; balance: number }, string[]]>([
    ['two of three needs, 10 km, no bonus', {}, 64, { tags: 40, nearness: 24, balance: 0 }, ['产业', '教育']],
    ['all needs covered, on site', { orgResourceTags: ['医疗', '教育', '产业'], distanceKm: 0 }, 90, { tags: 60, nearness: 30, balance: 0 }, ['产业', '教育', '医疗']],
    ['no common tag, beyond the distance limit', { orgResourceTags: ['金融'], distanceKm: 80 }, 0, { tags: 0, nearness: 0, balance: 0 }, []],
    ['under-represented domain', { domainBonus: { 国企: 0.5, 民企: 1 } }, 69, { tags: 40, nearness: 24, balance: 5 }, ['产业', '教育']],
    ['bonus is clamped to [0, 1]', { domainBonus: { 国企: 7 } }, 74, { tags: 40, nearness: 24, balance: 10 }, ['产业', '教育']],
    ['custom weights and distance limit', { weights: { tags: 10, nearness: 100, balance: 0 }, maxKm: 20 }, 57, { tags: 7, nearness: 50, balance: 0 }, ['产业', '教育']],
    ['village without needs', { villageNeedTags: [] }, 24, { tags: 0, nearness: 24, balance: 0 }, []],
    ['tags compared after normalisation', { villageNeedTags: [' Ｅcommerce ', 'ecommerce'], orgResourceTags: ['ECOMMERCE'] }, 84, { tags: 60, nearness: 24, balance: 0 }, ['Ｅcommerce']],
  ])('%s', (_, overrides, fit, parts, matchingTags) => {
    const score = scoreFit({ ...base, ...overrides });
    expect(score.fit).toBe(fit);
    expect(score.explanation.parts).toEqual(parts);
    expect(score.explanation.matchingTags).toEqual(matchingTags);
    expect(score.fit).toBe(parts.tags + parts.nearness + parts.balance);
    expect(Number.isInteger(score.fit)).toBe(true);
  });

  it('decreases with distance and stays within the weights', () => {
    let previous = Infinity;
    for (const distanceKm of [0, 5, 12.5, 25, 49, 50, 120]) {
      const { fit } = scoreFit({ ...base, distanceKm });
      expect(fit).toBeLessThanOrEqual(previous);
      expect(fit).toBeLessThanOrEqual(DEFAULT_FIT_WEIGHTS.tags + DEFAULT_FIT_WEIGHTS.nearness + DEFAULT_FIT_WEIGHTS.balance);
      previous = fit;
    }
  });

  it('rejects negative or non-finite numbers', () => {
    expect(() => scoreFit({ ...base, distanceKm: -1 })).toThrow(RangeError);
    expect(() => scoreFit({ ...base, distanceKm: Number.NaN })).toThrow(RangeError);
    expect(() => scoreFit({ ...base, weights: { tags: -1, nearness: 1, balance: 1 } })).toThrow(RangeError);
    expect(() => scoreFit({ ...base, maxKm: 0 })).toThrow(RangeError);
  });

  it('derives a bonus for under-represented domains from pairing counts', () => {
    expect(underRepresentationBonus({ 政府: 10, 国企: 6, 民企: 2, 协会: 10 })).toEqual({ 政府: 0, 国企: 0.5, 民企: 1, 协会: 0 });
    expect(underRepresentationBonus({ 政府: 3, 国企: 3 })).toEqual({ 政府: 0, 国企: 0 });
    expect(underRepresentationBonus({})).toEqual({});
  });
});
