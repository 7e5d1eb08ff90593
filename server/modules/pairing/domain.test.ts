import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ORG_DOMAINS, type OrgDomain } from '../orgs/domain.ts';
import {
  applyTaskChange,
  approximateSeat,
  checkTransition,
  computeCoverage,
  defaultTitle,
  distanceKm,
  matchableSides,
  mechanismProblems,
  overCapacity,
  partyKey,
  placeParties,
  slotsProblems,
  taskDueDate,
  type Mechanism,
  type MechanismSlot,
  type PartyDraft,
} from './domain.ts';

const AGENCY: OrgDomain[] = ['agency', 'state_enterprise', 'institution'];
const VILLAGE: OrgDomain[] = ['village', 'urban_community'];
const slot = (key: string, domains: OrgDomain[], role: 'helping' | 'helped', min: number, max: number | null): MechanismSlot => ({ key, label: { zh: key, en: key }, domains, role, min, max });

const agencyVillage: Mechanism = { key: 'agency_village', name: { zh: '机关+村社', en: 'Agency + village' }, slots: [slot('agency', AGENCY, 'helping', 1, 1), slot('village', VILLAGE, 'helped', 1, 1)] };
const threeParty: Mechanism = {
  key: 'industry_two_new_village',
  name: { zh: '行业+两新+村社', en: 'Industry + two-new + village' },
  slots: [slot('industry', AGENCY, 'helping', 1, 1), slot('two_new', ['two_new_economic', 'two_new_social'], 'helping', 1, 1), slot('village', VILLAGE, 'helped', 1, 1)],
};
const grouping: Mechanism = {
  key: 'regional_grouping',
  name: { zh: '区域组团', en: 'Regional grouping' },
  slots: [slot('lead', ['town', ...VILLAGE], 'helping', 1, 1), slot('members', VILLAGE, 'helped', 1, null)],
};

const p = (orgId: string, domain: OrgDomain, role: 'helping' | 'helped', lead = false): PartyDraft => ({ orgId, name: `组织${orgId}`, domain, role, lead });

describe('mechanism rules', () => {
  it('accepts an agency helping a village', () => {
    expect(mechanismProblems(agencyVillage, [p('a', 'agency', 'helping', true), p('v', 'village', 'helped')])).toEqual([]);
  });

  it('names the party that does not fit, with the domains the mechanism wants', () => {
    const problems = mechanismProblems(agencyVillage, [p('f', 'two_new_economic', 'helping', true), p('v', 'village', 'helped')]);
    expect(problems.join()).toContain('组织f');
    expect(problems.join()).toContain('agency/state_enterprise/institution');
    expect(problems.join()).toContain('needs 1 × agency');
  });

  it('wants all three parties of industry + two-new + village', () => {
    expect(mechanismProblems(threeParty, [p('a', 'agency', 'helping', true), p('t', 'two_new_social', 'helping'), p('v', 'urban_community', 'helped')])).toEqual([]);
    expect(mechanismProblems(threeParty, [p('a', 'agency', 'helping', true), p('v', 'village', 'helped')]).join()).toContain('two_new');
  });

  it('takes any number of member villages in a regional grouping', () => {
    const members = ['v1', 'v2', 'v3', 'v4'].map((id) => p(id, 'village', 'helped'));
    expect(mechanismProblems(grouping, [p('t', 'town', 'helping', true), ...members])).toEqual([]);
  });

  it('wants exactly one lead, both roles and no organisation twice', () => {
    expect(mechanismProblems(agencyVillage, [p('a', 'agency', 'helping'), p('v', 'village', 'helped')]).join()).toContain('exactly one lead');
    expect(mechanismProblems(agencyVillage, [p('a', 'agency', 'helping', true), p('v', 'village', 'helped', true)]).join()).toContain('not 2');
    expect(mechanismProblems(agencyVillage, [p('a', 'agency', 'helping', true), p('a', 'agency', 'helping')]).join()).toContain('appears twice');
    expect(mechanismProblems(agencyVillage, [p('a', 'agency', 'helped', true), p('v', 'village', 'helped')]).join()).toContain('helping and a helped');
  });

  it('places parties in slots exactly when some placement exists (checked against brute force)', () => {
    const domainArb = fc.constantFrom(...ORG_DOMAINS);
    const slotArb = fc.record({
      domains: fc.uniqueArray(domainArb, { minLength: 1, maxLength: 4 }),
      role: fc.constantFrom('helping' as const, 'helped' as const),
      min: fc.integer({ min: 0, max: 2 }),
      extra: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
    });
    fc.assert(
      fc.property(
        fc.array(slotArb, { minLength: 1, maxLength: 3 }),
        fc.array(fc.record({ domain: domainArb, role: fc.constantFrom('helping' as const, 'helped' as const) }), { minLength: 1, maxLength: 6 }),
        (rawSlots, rawParties) => {
          const slots = rawSlots.map((s, i) => slot(`s${i}`, s.domains, s.role, s.min, s.extra === null ? null : s.min + s.extra));
          const parties = rawParties.map((x, i) => p(String(i), x.domain, x.role));
          const fits = (pi: number, si: number) => slots[si]!.domains.includes(parties[pi]!.domain) && slots[si]!.role === parties[pi]!.role;
          // Brute force: every assignment of parties to slots.
          let exists = false;
          const counts = slots.map(() => 0);
          const search = (i: number): void => {
            if (exists) return;
            if (i === parties.length) {
              exists = slots.every((s, j) => counts[j]! >= s.min && (s.max === null || counts[j]! <= s.max));
              return;
            }
            for (let j = 0; j < slots.length; j++) {
              if (!fits(i, j)) continue;
              counts[j]!++;
              search(i + 1);
              counts[j]!--;
            }
          };
          search(0);
          const { slotOf, shortSlots } = placeParties(parties, slots);
          const found = slotOf.every((j) => j !== null) && shortSlots.length === 0;
          expect(found).toBe(exists);
          if (found) {
            slotOf.forEach((j, i) => expect(fits(i, j!)).toBe(true));
            slots.forEach((s, j) => {
              const n = slotOf.filter((x) => x === j).length;
              expect(n).toBeGreaterThanOrEqual(s.min);
              if (s.max !== null) expect(n).toBeLessThanOrEqual(s.max);
            });
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('checks an admin’s slots before they are saved', () => {
    expect(slotsProblems(agencyVillage.slots)).toEqual([]);
    expect(slotsProblems([slot('a', AGENCY, 'helping', 1, 1)]).join()).toContain('at least two');
    expect(slotsProblems([slot('a', AGENCY, 'helping', 2, 1), slot('v', VILLAGE, 'helped', 1, 1)]).join()).toContain('max below min');
    expect(slotsProblems([slot('a', AGENCY, 'helping', 1, 1), slot('a', VILLAGE, 'helped', 1, 1)]).join()).toContain('twice');
  });

  it('lets the matchmaker handle one-to-one mechanisms only', () => {
    expect(matchableSides(agencyVillage)).toEqual({ helping: AGENCY, helped: VILLAGE });
    expect(matchableSides(threeParty)).toBeNull();
  });
});

describe('capacity, duplicates, titles', () => {
  it('finds the parties that would pass their capacity', () => {
    const over = overCapacity([
      { orgId: 'a', name: 'A', capacity: 2, active: 2 },
      { orgId: 'b', name: 'B', capacity: 2, active: 1 },
    ]);
    expect(over.map((o) => o.orgId)).toEqual(['a']);
  });

  it('keys a set of parties whatever their order', () => {
    expect(partyKey(['b', 'a', 'c'])).toBe(partyKey(['c', 'b', 'a']));
    expect(partyKey(['a', 'b'])).not.toBe(partyKey(['a', 'c']));
  });

  it('titles a pairing after its parties and mode', () => {
    expect(defaultTitle([{ name: '区司法局', role: 'helping', lead: true }, { name: '十八湾村党委', role: 'helped', lead: false }], '法律服务')).toBe('区司法局结对十八湾村党委·法律服务');
    const many = defaultTitle(
      [{ name: '弥牟镇党委', role: 'helping', lead: true }, ...['甲', '乙', '丙'].map((n) => ({ name: n, role: 'helped' as const, lead: false }))],
      '党建联建',
    );
    expect(many).toBe('弥牟镇党委结对甲等3个单位·党建联建');
  });
});

describe('pairing status', () => {
  it.each([
    ['proposed', 'active', null, true],
    ['proposed', 'dissolved', '不再需要', true],
    ['proposed', 'dissolved', null, false],
    ['proposed', 'concluded', null, false],
    ['active', 'concluded', null, true],
    ['active', 'dissolved', '职能调整', true],
    ['active', 'active', null, false],
    ['concluded', 'active', null, false],
    ['dissolved', 'active', null, false],
  ] as const)('%s → %s (reason %s): %s', (from, to, reason, ok) => {
    expect(checkTransition(from, to, reason).ok).toBe(ok);
  });
});

describe('tasks', () => {
  it.each([
    [{ status: 'todo', progress: 0 }, { progress: 30 }, { status: 'in_progress', progress: 30 }],
    [{ status: 'in_progress', progress: 30 }, { progress: 100 }, { status: 'done', progress: 100 }],
    [{ status: 'in_progress', progress: 30 }, { status: 'done' }, { status: 'done', progress: 100 }],
    [{ status: 'done', progress: 100 }, { status: 'in_progress' }, { status: 'in_progress', progress: 99 }],
    [{ status: 'in_progress', progress: 50 }, { status: 'todo' }, { status: 'todo', progress: 0 }],
    [{ status: 'done', progress: 100 }, { progress: 60 }, { status: 'done', progress: 100 }],
  ] as const)('%o + %o → %o', (current, change, next) => {
    expect(applyTaskChange(current, change)).toEqual({ ok: true, next });
  });

  it('refuses a done task below 100 % and an open task at 100 %', () => {
    expect(applyTaskChange({ status: 'todo', progress: 0 }, { status: 'done', progress: 50 }).ok).toBe(false);
    expect(applyTaskChange({ status: 'todo', progress: 0 }, { status: 'in_progress', progress: 100 }).ok).toBe(false);
  });

  it('is due a template’s days after the start, never after the pairing ends', () => {
    expect(taskDueDate('2025-01-01', 90, null)).toBe('2025-04-01');
    expect(taskDueDate('2025-01-01', 365, '2025-06-30')).toBe('2025-06-30');
  });
});

describe('distances', () => {
  it('measures a degree of latitude as about 111 km', () => {
    expect(distanceKm([104.2, 30.8], [104.2, 31.8])).toBeCloseTo(111.2, 0);
    expect(distanceKm([104.2, 30.8], [104.2, 30.8])).toBe(0);
  });

  it('seats a village 1–4 km from its town, the same place every time, villages apart', () => {
    const town = [104.272636, 30.901434] as const;
    const a = approximateSeat(town, '510113002001');
    expect(approximateSeat(town, '510113002001')).toEqual(a);
    const km = distanceKm(town, a);
    expect(km).toBeGreaterThanOrEqual(0.99);
    expect(km).toBeLessThanOrEqual(4.01);
    const others = ['510113002002', '510113002003', '510113002005'].map((c) => approximateSeat(town, c));
    for (const o of others) expect(distanceKm(a, o)).toBeGreaterThan(0.05);
  });
});

describe('coverage', () => {
  const orgs = [
    { id: 'T', name: '镇党委', domain: 'town' as const, regionCode: 't', anchorRegionCode: 't', capacity: 10, resourceTags: [], needTags: [] },
    { id: 'V1', name: '一村', domain: 'village' as const, regionCode: 'v1', anchorRegionCode: 'v1', capacity: 1, resourceTags: [], needTags: ['medical' as const, 'legal' as const] },
    { id: 'V2', name: '二村', domain: 'village' as const, regionCode: 'v2', anchorRegionCode: 'v2', capacity: 5, resourceTags: [], needTags: ['funds' as const] },
    { id: 'A', name: '卫健局', domain: 'agency' as const, regionCode: 'd', anchorRegionCode: null, capacity: 3, resourceTags: ['medical' as const], needTags: [] },
    { id: 'B', name: '司法局', domain: 'agency' as const, regionCode: 'd', anchorRegionCode: null, capacity: 3, resourceTags: ['legal' as const], needTags: [] },
  ];
  const result = computeCoverage({
    towns: [{ code: 't', name: '镇' }],
    villages: [
      { code: 'v1', name: '一村', townCode: 't' },
      { code: 'v2', name: '二村', townCode: 't' },
    ],
    orgs,
    pairings: [
      { id: 'p1', modeKey: 'medical', mechanismKey: 'agency_village', townCode: 't', villageCode: 'v1', partyIds: ['A', 'V1'] },
      { id: 'p2', modeKey: 'medical', mechanismKey: 'agency_village', townCode: 't', villageCode: 'v1', partyIds: ['A', 'V1'] },
    ],
    modes: [
      { key: 'medical', name: '医疗帮扶' },
      { key: 'legal', name: '法律服务' },
    ],
    mechanisms: [{ key: 'agency_village', name: '机关+村社' }],
  });

  it('counts a region covered when its own organisation is in an active pairing', () => {
    expect(result.totals).toEqual({ towns: 1, townsCovered: 0, villages: 2, villagesCovered: 1, pairings: 2 });
    expect(result.towns[0]).toMatchObject({ villages: 2, villagesCovered: 1, covered: false });
  });

  it('lists idle units, organisations over capacity and needs no partner meets', () => {
    expect(result.unpairedOrgs.map((o) => o.id)).toEqual(['B']);
    expect(result.overCapacity).toEqual([{ id: 'V1', name: '一村', domain: 'village', capacity: 1, activePairings: 2 }]);
    expect(result.unmetNeeds).toEqual([
      { code: 'v1', name: '一村', unmetNeeds: ['legal'] },
      { code: 'v2', name: '二村', unmetNeeds: ['funds'] },
    ]);
  });

  it('fills the heat maps: towns × modes and villages × mechanisms', () => {
    expect(result.townsByMode.counts).toEqual([[2, 0]]);
    expect(result.villagesByMechanism.counts).toEqual([[2], [0]]);
  });
});
