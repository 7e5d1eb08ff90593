import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { firstPointOutside, validateArea } from '../../platform/geo/geometry.ts';
import { seededRandom } from '../../platform/random.ts';
import {
  apportion,
  assembleCoverage,
  cutBox,
  DEFAULT_STAFFING_RULE,
  describeLacks,
  evaluateStaffing,
  findOverlaps,
  FORCE_TYPE_LABELS,
  FORCE_TYPES,
  forceTypeFromText,
  memberInScope,
  normalisePhone,
  parseMemberRow,
  planDemoAreas,
  planDemoMembers,
  rectangle,
  roleFromText,
  sameMemberProblem,
  splitCodes,
  villageOfPath,
  zeroCounts,
  type ForceCounts,
  type StaffingRule,
} from './domain.ts';

const counts = (partial: Partial<ForceCounts>): ForceCounts => ({ ...zeroCounts(), ...partial });

describe('staffing rule', () => {
  const strict: StaffingRule = { minimum: { cadre: 1, committee_member: 1 }, requireLeader: true };
  const cases: { name: string; counts: Partial<ForceCounts>; leaders: number; rule: StaffingRule; status: string; lacking: string[] }[] = [
    { name: 'nobody at all is empty', counts: {}, leaders: 0, rule: DEFAULT_STAFFING_RULE, status: 'empty', lacking: ['cadre', 'committee_member'] },
    { name: 'nobody is empty even with no minimum', counts: {}, leaders: 0, rule: { minimum: {}, requireLeader: false }, status: 'empty', lacking: [] },
    { name: 'an agency cadre and a committee member is enough', counts: { agency_cadre: 1, committee_member: 1 }, leaders: 0, rule: DEFAULT_STAFFING_RULE, status: 'ok', lacking: [] },
    { name: 'a town cadre counts as a cadre', counts: { town_cadre: 2, committee_member: 1 }, leaders: 0, rule: DEFAULT_STAFFING_RULE, status: 'ok', lacking: [] },
    { name: 'volunteers alone lack both', counts: { social_volunteer: 60 }, leaders: 0, rule: DEFAULT_STAFFING_RULE, status: 'lacking', lacking: ['cadre', 'committee_member'] },
    { name: 'no committee member', counts: { agency_cadre: 3, social_volunteer: 10 }, leaders: 1, rule: DEFAULT_STAFFING_RULE, status: 'lacking', lacking: ['committee_member'] },
    { name: 'enforcement is not a cadre', counts: { enforcement: 2, committee_member: 1 }, leaders: 1, rule: DEFAULT_STAFFING_RULE, status: 'lacking', lacking: ['cadre'] },
    { name: 'a leader is required when the rule says so', counts: { agency_cadre: 1, committee_member: 1 }, leaders: 0, rule: strict, status: 'lacking', lacking: ['leader'] },
    { name: 'with a leader the strict rule passes', counts: { agency_cadre: 1, committee_member: 1 }, leaders: 1, rule: strict, status: 'ok', lacking: [] },
    { name: 'minimums above one', counts: { agency_cadre: 1, committee_member: 1 }, leaders: 1, rule: { minimum: { cadre: 2, any: 3 }, requireLeader: false }, status: 'lacking', lacking: ['cadre', 'any'] },
    { name: 'a zero minimum asks for nothing', counts: { social_volunteer: 1 }, leaders: 0, rule: { minimum: { cadre: 0 }, requireLeader: false }, status: 'ok', lacking: [] },
    { name: 'single force types', counts: { industry_service: 1 }, leaders: 0, rule: { minimum: { industry_service: 1, enforcement: 1 }, requireLeader: false }, status: 'lacking', lacking: ['enforcement'] },
  ];
  it.each(cases)('$name', ({ counts: c, leaders, rule, status, lacking }) => {
    const check = evaluateStaffing(counts(c), leaders, rule);
    expect(check.status).toBe(status);
    expect(check.lacking.map((l) => l.key)).toEqual(lacking);
  });

  it('says how many are missing', () => {
    const check = evaluateStaffing(counts({ agency_cadre: 1 }), 0, { minimum: { cadre: 3, committee_member: 1 }, requireLeader: true });
    expect(check.lacking).toEqual([
      { key: 'cadre', required: 3, actual: 1 },
      { key: 'committee_member', required: 1, actual: 0 },
      { key: 'leader', required: 1, actual: 0 },
    ]);
    expect(describeLacks(check.lacking)).toBe('干部（机关或镇街）差 2 人；社区两委差 1 人；缺网格长');
  });

  it('assembles coverage for every micro-grid, including those with nobody', () => {
    const result = assembleCoverage(
      [
        { code: 'a', name: 'A', parentCode: 'g' },
        { code: 'b', name: 'B', parentCode: 'g' },
        { code: 'c', name: 'C', parentCode: 'g' },
      ],
      [
        { microGridCode: 'a', forceType: 'agency_cadre', members: 2, leaders: 0 },
        { microGridCode: 'a', forceType: 'committee_member', members: 1, leaders: 1 },
        { microGridCode: 'b', forceType: 'social_volunteer', members: 5, leaders: 0 },
        { microGridCode: 'x', forceType: 'agency_cadre', members: 9, leaders: 0 },
      ],
      DEFAULT_STAFFING_RULE,
    );
    expect(result.summary).toEqual({ microGrids: 3, ok: 1, lacking: 1, empty: 1 });
    expect(result.items[0]).toMatchObject({ code: 'a', total: 3, leaders: 1, status: 'ok' });
    expect(result.understaffed.map((u) => [u.code, u.status])).toEqual([
      ['b', 'lacking'],
      ['c', 'empty'],
    ]);
  });
});

describe('force types and roles', () => {
  it.each(FORCE_TYPES.map((t) => [t, FORCE_TYPE_LABELS[t].zh, FORCE_TYPE_LABELS[t].en] as const))('%s is read from its value and labels', (type, zh, en) => {
    expect(forceTypeFromText(type)).toBe(type);
    expect(forceTypeFromText(` ${zh} `)).toBe(type);
    expect(forceTypeFromText(en.toUpperCase())).toBe(type);
  });

  it('maps the article labels', () => {
    expect(FORCE_TYPES.map((t) => FORCE_TYPE_LABELS[t].zh)).toEqual(['机关干部', '镇街干部', '社区两委', '执法力量', '行业服务', '社会志愿者']);
    expect(forceTypeFromText('厨师')).toBeNull();
    expect(forceTypeFromText('')).toBeNull();
  });

  it('reads roles', () => {
    expect(roleFromText('网格长')).toBe('leader');
    expect(roleFromText('成员')).toBe('member');
    expect(roleFromText('leader')).toBe('leader');
    expect(roleFromText('组长')).toBeNull();
  });
});

describe('import row validation', () => {
  const good = { name: '张伟', phone: '13812345678', unit: '区民政局', forceType: 'agency_cadre', microGrids: '5101130020010101;5101130020010102', role: 'leader' };

  it('accepts a complete row', () => {
    expect(parseMemberRow(good)).toEqual({
      ok: true,
      row: { name: '张伟', phone: '13812345678', unit: '区民政局', forceType: 'agency_cadre', microGrids: ['5101130020010101', '5101130020010102'], role: 'leader' },
    });
  });

  it('accepts labels, a numeric phone cell, blank unit and role', () => {
    const parsed = parseMemberRow({ ...good, phone: 13812345678, forceType: '社会志愿者', role: null, unit: null, microGrids: '5101130020010101，5101130020010102、5101130020010103' });
    expect(parsed).toMatchObject({ ok: true, row: { phone: '13812345678', forceType: 'social_volunteer', role: 'member', unit: null } });
    if (parsed.ok) expect(parsed.row.microGrids).toHaveLength(3);
  });

  const bad: [string, Record<string, unknown>, string][] = [
    ['missing name', { name: '' }, '姓名'],
    ['long name', { name: '张'.repeat(41) }, '姓名'],
    ['missing phone', { phone: null }, '手机号'],
    ['bad phone', { phone: '12345' }, '手机号'],
    ['unknown force type', { forceType: '厨师' }, '力量类型'],
    ['missing force type', { forceType: '' }, '力量类型'],
    ['no micro-grid', { microGrids: '' }, '微网格编码'],
    ['short micro-grid code', { microGrids: '51011300200101' }, '微网格编码'],
    ['unknown role', { role: '组长' }, '角色'],
    ['long unit', { unit: '单'.repeat(61) }, '单位'],
  ];
  it.each(bad)('reports %s in its column', (_name, change, column) => {
    const parsed = parseMemberRow({ ...good, ...change });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.map((e) => e.column)).toEqual([column]);
  });

  it('reports every bad cell of a row', () => {
    const parsed = parseMemberRow({ name: '', phone: 'x', forceType: 'x', microGrids: '', role: 'x' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors).toHaveLength(5);
  });

  it('treats the same phone twice as one person only when name and force type agree', () => {
    const a = parseMemberRow(good);
    const b = parseMemberRow({ ...good, role: 'member', microGrids: '5101130020010103' });
    const c = parseMemberRow({ ...good, name: '李娜' });
    const d = parseMemberRow({ ...good, forceType: 'town_cadre' });
    if (!a.ok || !b.ok || !c.ok || !d.ok) throw new Error('rows should parse');
    expect(sameMemberProblem(a.row, b.row, 2)).toBeNull();
    expect(sameMemberProblem(a.row, c.row, 2)?.column).toBe('手机号');
    expect(sameMemberProblem(a.row, d.row, 2)?.column).toBe('力量类型');
  });

  it('splits and normalises cells', () => {
    expect(splitCodes(' a ; b；c,d，e、f  g ;a')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(splitCodes(5101130020010101)).toEqual(['5101130020010101']);
    expect(normalisePhone('138 1234-5678')).toBe('13812345678');
    expect(normalisePhone('028-83912345')).toBe('028-83912345');
  });
});

describe('regions and scope', () => {
  const micro = '510000000000/510100000000/510113000000/510113002000/510113002001/51011300200101/5101130020010101/';
  it('finds the village of a grid or micro-grid', () => {
    expect(villageOfPath(micro, 'micro_grid')).toEqual({ code: '510113002001', path: '510000000000/510100000000/510113000000/510113002000/510113002001/' });
    expect(villageOfPath('510000000000/510100000000/510113000000/510113002000/510113002001/51011300200101/', 'grid')?.code).toBe('510113002001');
  });

  it('sees a member through their home region or any of their micro-grids', () => {
    const home = '510000000000/510100000000/510113000000/';
    expect(memberInScope(null, home, [])).toBe(true);
    expect(memberInScope(['510000000000/510100000000/510113000000/510113002000/510113002001/51011300200101/'], home, [micro])).toBe(true);
    expect(memberInScope(['510000000000/510100000000/510113000000/510113002000/510113002002/'], home, [micro])).toBe(false);
    expect(memberInScope([home], home, [])).toBe(true);
    expect(memberInScope([], home, [micro])).toBe(false);
  });
});

describe('overlaps between siblings', () => {
  const sq = (x: number, y: number, size = 1): Polygon => rectangle(x, y, x + size, y + size);
  it('compares only siblings', () => {
    const overlaps = findOverlaps([
      { code: 'g1', name: 'G1', parentCode: 'v', geometry: sq(0, 0, 2) },
      { code: 'g2', name: 'G2', parentCode: 'v', geometry: sq(1, 1, 2) },
      { code: 'm1', name: 'M1', parentCode: 'g1', geometry: sq(0, 0) },
      { code: 'm2', name: 'M2', parentCode: 'g2', geometry: sq(1.5, 1.5) },
      { code: 'm3', name: 'M3', parentCode: 'g1', geometry: sq(1, 0) },
    ]);
    expect(overlaps).toEqual([{ parentCode: 'v', a: { code: 'g1', name: 'G1' }, b: { code: 'g2', name: 'G2' } }]);
  });
});

describe('the demo dataset', () => {
  const outline = rectangle(104.1, 30.7, 104.5, 30.95);
  const towns = Array.from({ length: 7 }, (_, i) => ({ code: `510113${String(100 + i)}000`, name: `镇${i}镇`, shortName: `镇${i}`, seat: [104.15 + i * 0.05, 30.8] as [number, number] }));
  const villages = Array.from({ length: 83 }, (_, i) => ({ code: `510113${String(100 + (i % 7))}${String(Math.floor(i / 7) + 1).padStart(3, '0')}`, name: `村${i}村民委员会`, shortName: `村${i}`, townCode: towns[i % 7]!.code }));
  const existing = [{ code: `${villages[0]!.code}01`, villageCode: villages[0]!.code, bbox: [104.16, 30.81, 104.168, 30.818] as [number, number, number, number], rectangular: true, microGridCount: 0 }];
  const areas = planDemoAreas({ outline, towns, villages, existing, rng: seededRandom(7) });

  it('draws valid grids and micro-grids for every village, micro-grids inside their grid, grids inside the outline', () => {
    const grids = areas.filter((a) => a.level === 'grid');
    const micro = areas.filter((a) => a.level === 'micro_grid');
    expect(new Set(grids.map((g) => g.parentCode)).size).toBe(82);
    expect(micro.length).toBeGreaterThan(500);
    const byCode = new Map(areas.map((a) => [a.code, a]));
    for (const area of areas) {
      expect(validateArea(area.geometry).ok).toBe(true);
      if (area.level === 'grid') expect(firstPointOutside(area.geometry, outline)).toBeNull();
      else if (byCode.has(area.parentCode)) expect(firstPointOutside(area.geometry, byCode.get(area.parentCode)!.geometry)).toBeNull();
    }
    // The existing grid keeps its code and gets micro-grids cut from its box.
    expect(micro.filter((m) => m.parentCode === existing[0]!.code).length).toBeGreaterThanOrEqual(3);
    expect(findOverlaps(areas.map((a) => ({ ...a, parentCode: a.level === 'grid' ? 'all' : a.parentCode })))).toEqual([]);
  });

  it('is the same on every run', () => {
    expect(planDemoAreas({ outline, towns, villages, existing, rng: seededRandom(7) })).toEqual(areas);
  });

  it('places exactly the article figures, with a few micro-grids left short on purpose', () => {
    const microGrids = areas
      .filter((a) => a.level === 'micro_grid')
      .map((a) => {
        const village = villages.find((v) => a.code.startsWith(v.code))!;
        return { code: a.code, villageCode: village.code, townCode: village.townCode };
      });
    const worker = microGrids.filter((m) => m.code.startsWith(existing[0]!.code)).map((m) => m.code);
    // The demo data's figures (the article's), as the demo seeds them.
    const forceTotals = (JSON.parse(readFileSync(join(import.meta.dirname, '../../../data/grid/demo.json'), 'utf8')) as { forceTotals: ForceCounts }).forceTotals;
    const members = planDemoMembers({ forceTotals, microGrids, villages, towns, districtCode: '510113000000', workerMicroGrids: worker, rng: seededRandom(9) });
    const byType = zeroCounts();
    for (const m of members) byType[m.forceType] += 1;
    expect(byType).toEqual(forceTotals);
    expect(new Set(members.map((m) => m.phone)).size).toBe(members.length);
    expect(members.every((m) => /^1[3-9]\d{9}$/.test(m.phone))).toBe(true);

    const tally = new Map<string, { counts: ForceCounts; leaders: number }>();
    for (const m of members) {
      for (const a of m.assignments) {
        const t = tally.get(a.code) ?? { counts: zeroCounts(), leaders: 0 };
        t.counts[m.forceType] += 1;
        if (a.role === 'leader') t.leaders += 1;
        tally.set(a.code, t);
      }
    }
    const statuses = microGrids.map((mg) => {
      const t = tally.get(mg.code) ?? { counts: zeroCounts(), leaders: 0 };
      expect(t.leaders).toBeLessThanOrEqual(1);
      return evaluateStaffing(t.counts, t.leaders, DEFAULT_STAFFING_RULE).status;
    });
    expect(statuses.filter((s) => s === 'empty')).toHaveLength(4);
    expect(statuses.filter((s) => s === 'lacking')).toHaveLength(16);

    const demoWorker = members.filter((m) => m.isDemoWorker);
    expect(demoWorker).toHaveLength(1);
    expect(demoWorker[0]!.forceType).toBe('committee_member');
    expect(demoWorker[0]!.assignments.map((a) => [a.code, a.role]).sort()).toEqual(worker.map((c) => [c, 'leader']).sort());
  });

  it('cuts boxes with shared edges and apportions exactly', () => {
    expect(cutBox([0, 0, 1, 1], 4, 'rows')).toHaveLength(4);
    expect(cutBox([0, 0, 0.9, 0.3], 3, 'columns').map((b) => b[2])).toEqual([0.3, 0.6, 0.9]);
    expect(apportion(660, Array.from({ length: 83 }, () => 1)).reduce((a, b) => a + b, 0)).toBe(660);
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(5, [0, 0])).toEqual([0, 0]);
  });
});

describe('the demo dataset near the district edge', () => {
  it('keeps micro-grids of an existing grid that reaches past the outline to the part inside', () => {
    const outline = rectangle(104.0, 30.0, 104.1, 30.1);
    const existing = [{ code: '51011310000101', villageCode: '510113100001', bbox: [104.05, 30.09, 104.06, 30.11] as [number, number, number, number], rectangular: true, microGridCount: 0 }];
    const areas = planDemoAreas({
      outline,
      towns: [{ code: '510113100000', name: '甲镇', shortName: '甲镇', seat: [104.05, 30.05] }],
      villages: [{ code: '510113100001', name: '甲村', shortName: '甲村', townCode: '510113100000' }],
      existing,
      rng: seededRandom(3),
    });
    expect(areas.length).toBeGreaterThan(0);
    for (const a of areas) expect(firstPointOutside(a.geometry, outline)).toBeNull();
    expect(areas.map((a) => a.code)).toEqual(areas.map((_, i) => `51011310000101${String(i + 1).padStart(2, '0')}`));
  });
});
