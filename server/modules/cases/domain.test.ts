import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPolygonIndex, distanceMeters } from '../../platform/geo/spatial-index.ts';
import {
  ancestorPath,
  boundingBox,
  categoryProblems,
  callerName,
  checkAttributes,
  closedOnTime,
  decideRoute,
  DEFAULT_CATEGORIES,
  handlingPhotoRefusal,
  inboxStatuses,
  isAssignee,
  levelOfCode,
  open311Status,
  open311StatusNotes,
  parseW3cDate,
  pastDeadline,
  reportableCategories,
  trackingDay,
  trackingNumber,
  TRACKING_NUMBER,
  w3cDate,
  workflowActor,
  type Category,
  type Person,
  type RouteInput,
} from './domain.ts';
import { CASE_STATUSES, newCaseState, type CaseState, type CaseStatus } from './workflow.ts';

const byCode = (code: string) => DEFAULT_CATEGORIES.find((c) => c.code === code)!;

describe('default categories', () => {
  it('are two levels, each with a handler and valid limits', () => {
    const tops = DEFAULT_CATEGORIES.filter((c) => c.parentCode === null);
    expect(tops.map((c) => c.nameZh)).toEqual(['矛盾纠纷', '安全隐患', '环境卫生', '市容秩序', '民生服务', '违章建筑', '道路设施', '其他']);
    for (const c of DEFAULT_CATEGORIES) expect(categoryProblems(c, DEFAULT_CATEGORIES), c.code).toEqual([]);
    for (const c of DEFAULT_CATEGORIES.filter((x) => x.parentCode)) expect(byCode(c.parentCode!).parentCode).toBeNull();
  });

  it('offers the leaves for reporting, not their parents', () => {
    const reportable = reportableCategories(DEFAULT_CATEGORIES).map((c) => c.code);
    expect(reportable).toContain('sanitation.garbage');
    expect(reportable).not.toContain('sanitation');
    expect(reportable.every((code) => code.includes('.'))).toBe(true);
  });

  it('stops offering a sub-category whose parent is inactive, and offers a parent left without active children', () => {
    const edited: Category[] = DEFAULT_CATEGORIES.map((c) =>
      c.code === 'other' ? { ...c, active: false } : c.code === 'building.construction' || c.code === 'building.farmland' ? { ...c, active: false } : c,
    );
    const reportable = reportableCategories(edited).map((c) => c.code);
    expect(reportable).not.toContain('other.general');
    expect(reportable).toContain('building');
  });

  it('refuses a third level, a code outside its parent and a list attribute without values', () => {
    expect(categoryProblems({ ...byCode('sanitation.garbage'), code: 'sanitation.garbage.more', parentCode: 'sanitation.garbage' }, DEFAULT_CATEGORIES).length).toBeGreaterThan(0);
    expect(categoryProblems({ ...byCode('sanitation.garbage'), code: 'roads.garbage', parentCode: 'sanitation' }, DEFAULT_CATEGORIES).length).toBeGreaterThan(0);
    const noValues = { code: 'kind', datatype: 'singlevaluelist' as const, required: true, description: '类型', order: 1 };
    expect(categoryProblems({ ...byCode('other'), code: 'misc', attributes: [noValues] }, DEFAULT_CATEGORIES).length).toBeGreaterThan(0);
    expect(categoryProblems({ ...byCode('other'), code: 'misc', limits: { dispatched: { unit: 'days', amount: 1.5 } } }, DEFAULT_CATEGORIES).length).toBeGreaterThan(0);
  });
});

describe('checkAttributes', () => {
  const safety = byCode('safety.fire');

  it('requires the required ones and checks list values', () => {
    expect(checkAttributes(safety, {})).toMatchObject({ ok: false, problems: [{ path: 'attribute[hazard_level]' }] });
    expect(checkAttributes(safety, { hazard_level: '9' })).toMatchObject({ ok: false });
    expect(checkAttributes(safety, { hazard_level: '3' })).toEqual({ ok: true, values: { hazard_level: '3' } });
  });

  it('refuses unknown attributes and non-numbers for numbers', () => {
    expect(checkAttributes(safety, { hazard_level: '1', colour: 'red' })).toMatchObject({ ok: false, problems: [{ path: 'attribute[colour]' }] });
    const dispute = byCode('dispute.neighbour');
    expect(checkAttributes(dispute, { people: 'many' }).ok).toBe(false);
    expect(checkAttributes(dispute, { people: '4' })).toEqual({ ok: true, values: { people: '4' } });
    expect(checkAttributes(dispute, {})).toEqual({ ok: true, values: {} });
  });

  it('takes several answers to a multiple-choice question as a list or as one comma-separated value', () => {
    const noise = {
      attributes: [
        { code: 'source', datatype: 'multivaluelist' as const, required: true, description: '噪音来源', order: 1, values: [{ key: 'works', name: '施工' }, { key: 'dance', name: '广场舞' }] },
        { code: 'since', datatype: 'datetime' as const, required: false, description: '开始时间', order: 2 },
      ],
    };
    expect(checkAttributes(noise, { source: 'works,dance' })).toEqual({ ok: true, values: { source: 'works,dance' } });
    expect(checkAttributes(noise, { source: ['works', 'dance'] })).toEqual({ ok: true, values: { source: 'works,dance' } });
    expect(checkAttributes(noise, { source: 'works,music' }).ok).toBe(false);
    expect(checkAttributes(noise, { source: 'works', since: '2026-11-28T22:00:00+08:00' }).ok).toBe(true);
    expect(checkAttributes(noise, { source: 'works', since: '昨晚十点' }).ok).toBe(false);
    // A single-choice question takes one answer, commas and all.
    expect(checkAttributes(safety, { hazard_level: '1,2' }).ok).toBe(false);
  });
});

describe('tracking numbers', () => {
  it('count per calendar day in China Standard Time', () => {
    expect(trackingDay(new Date('2026-03-01T15:59:59Z'))).toBe('20260301');
    expect(trackingDay(new Date('2026-03-01T16:00:00Z'))).toBe('20260302');
    expect(trackingNumber('20260302', 123)).toBe('QBJ-20260302-000123');
    expect(trackingNumber('20260302', 1_234_567)).toBe('QBJ-20260302-1234567');
    expect(TRACKING_NUMBER.test('QBJ-20260302-000123')).toBe(true);
    expect(() => trackingNumber('2026-03-02', 1)).toThrow(RangeError);
    expect(() => trackingNumber('20260302', 0)).toThrow(RangeError);
  });
});

describe('region codes and paths', () => {
  const path = '510000000000/510100000000/510113000000/510113002000/510113002001/51011300200101/5101130020010101/';

  it('tells the level from the shape of the code', () => {
    expect(levelOfCode('5101130020010101')).toBe('micro_grid');
    expect(levelOfCode('51011300200101')).toBe('grid');
    expect(levelOfCode('510113002001')).toBe('village');
    expect(levelOfCode('510113002000')).toBe('town');
    expect(levelOfCode('510113000000')).toBe('district');
    expect(levelOfCode('510100000000')).toBe('higher');
  });

  it('finds the ancestor at each level of the escalation chain', () => {
    expect(ancestorPath(path, 'micro_grid')).toBe(path);
    expect(ancestorPath(path, 'village')).toBe('510000000000/510100000000/510113000000/510113002000/510113002001/');
    expect(ancestorPath(path, 'town')).toBe('510000000000/510100000000/510113000000/510113002000/');
    expect(ancestorPath(path, 'district')).toBe('510000000000/510100000000/510113000000/');
    expect(ancestorPath('510000000000/510100000000/510113000000/510113002000/', 'village')).toBeNull();
  });
});

describe('routing', () => {
  const micro = { code: '5101130020010101', name: '甲', path: 'p/m/' };
  const district = { code: '510113000000', name: '区', path: 'd/' };
  const base: RouteInput = { microGrid: null, nearestVillage: null, nearestTown: null, district, outlinesKnown: true };

  it('prefers the micro-grid containing the point', () => {
    expect(decideRoute({ ...base, microGrid: micro })).toEqual({ region: micro, level: 'micro_grid', method: 'polygon' });
  });

  it('falls back to a near village seat, then the nearest town, then the district', () => {
    const village = { code: 'v', name: '村', path: 'd/t/v/', distanceMeters: 800 };
    const town = { code: 't', name: '镇', path: 'd/t/', distanceMeters: 4_000 };
    expect(decideRoute({ ...base, nearestVillage: village, nearestTown: town })).toMatchObject({ level: 'village', method: 'village_seat' });
    expect(decideRoute({ ...base, nearestVillage: { ...village, distanceMeters: 5_000 }, nearestTown: town })).toMatchObject({ level: 'town', method: 'town_seat' });
    expect(decideRoute(base)).toMatchObject({ level: 'district', region: district });
  });

  it('refuses a point outside every known district outline', () => {
    expect(decideRoute({ ...base, district: null })).toBeNull();
    expect(decideRoute({ ...base, district: null, outlinesKnown: false, nearestTown: { code: 't', name: '镇', path: 'x/', distanceMeters: 50_000 } })).toBeNull();
  });

  it('locates inside, outside and on the edge of micro-grid polygons', () => {
    const square = (x: number, y: number) => ({ type: 'Polygon' as const, coordinates: [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]] });
    const index = buildPolygonIndex([
      { id: 'B', geometry: square(1, 0) },
      { id: 'A', geometry: square(0, 0) },
    ]);
    expect(index.locate(0.5, 0.5)).toBe('A');
    expect(index.locate(1.5, 0.5)).toBe('B');
    expect(index.locate(1, 0.5)).toBe('A'); // the shared edge belongs to both; the smaller code wins
    expect(index.locate(2, 1)).toBe('B'); // a corner
    expect(index.locate(2.0000001, 0.5)).toBeNull();
  });
});

describe('nearby search box', () => {
  it('contains every point within the radius (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 18, max: 53, noNaN: true }),
        fc.double({ min: 73, max: 135, noNaN: true }),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (lat, lng, angle, meters) => {
          const dLat = (meters * Math.cos(angle)) / 111_320;
          const dLng = (meters * Math.sin(angle)) / (111_320 * Math.cos((lat * Math.PI) / 180));
          const p = { lat: lat + dLat, lng: lng + dLng };
          fc.pre(distanceMeters({ lat, lng }, p) <= 100);
          const box = boundingBox(lat, lng, 100);
          return p.lat >= box.minLat && p.lat <= box.maxLat && p.lng >= box.minLng && p.lng <= box.maxLng;
        },
      ),
    );
  });
});

describe('who is who on a case', () => {
  const person: Person = { role: 'grid_worker', userId: 'u1', scopeCodes: ['51011300200101'], scopePaths: ['a/b/51011300200101/'], memberId: 'm1' };
  const parties = { regionPath: 'a/b/51011300200101/5101130020010101/', assignee: null, reporterUserId: null };

  it('is the assignee as the member dispatched to, or as a user of the unit dispatched to', () => {
    expect(isAssignee(person, { kind: 'member', id: 'm1' })).toBe(true);
    expect(isAssignee(person, { kind: 'member', id: 'm2' })).toBe(false);
    expect(isAssignee({ ...person, memberId: null }, { kind: 'member', id: 'm1' })).toBe(false);
    expect(isAssignee(person, { kind: 'unit', id: '51011300200101' })).toBe(true);
    expect(isAssignee(person, { kind: 'unit', id: '510113002001' })).toBe(false);
  });

  it('is in scope by region path', () => {
    expect(workflowActor(person, parties)).toMatchObject({ role: 'grid_worker', inScope: true, isAssignee: false, isReporter: false });
    expect(workflowActor(person, { ...parties, regionPath: 'a/b/51011300200102/x/' }).inScope).toBe(false);
    expect(workflowActor({ ...person, role: null }, parties).role).toBe('reporter');
  });

  it('gives each role an inbox of the statuses it acts on', () => {
    expect(inboxStatuses('grid_worker')).toEqual(['reported', 'handled', 'verified']);
    expect(inboxStatuses('enterprise')).toEqual([]);
  });
});

describe('closure on time', () => {
  it('is on time only with no missed deadline and a closing before the last deadline', () => {
    expect(closedOnTime(false, '2026-03-02T09:30:00Z', new Date('2026-03-02T09:00:00Z'))).toBe(true);
    expect(closedOnTime(false, null, new Date('2026-03-02T09:00:00Z'))).toBe(true);
    expect(closedOnTime(true, '2026-03-02T09:30:00Z', new Date('2026-03-02T09:00:00Z'))).toBe(false);
    expect(closedOnTime(false, '2026-03-02T09:30:00Z', new Date('2026-03-02T09:30:01Z'))).toBe(false);
  });

  it('counts a running clock past its deadline as overdue, not a suspended or finished case', () => {
    const now = new Date('2026-03-03T00:00:00Z');
    expect(pastDeadline({ status: 'dispatched', deadline: '2026-03-02T00:00:00Z' }, now)).toBe(true);
    expect(pastDeadline({ status: 'suspended', deadline: '2026-03-02T00:00:00Z' }, now)).toBe(false);
    expect(pastDeadline({ status: 'closed', deadline: '2026-03-02T00:00:00Z' }, now)).toBe(false);
    expect(pastDeadline({ status: 'dispatched', deadline: null }, now)).toBe(false);
  });
});

describe('Open311 mapping', () => {
  it('maps every status to open or closed', () => {
    const mapped = Object.fromEntries(CASE_STATUSES.map((s) => [s, open311Status(s)]));
    expect(mapped).toEqual({
      reported: 'open',
      accepted: 'open',
      rejected: 'closed',
      dispatched: 'open',
      handled: 'open',
      verified: 'open',
      closed: 'closed',
      suspended: 'open',
    });
    expect(open311StatusNotes('rejected', '重复上报')).toContain('重复上报');
    expect(open311StatusNotes('dispatched', null)).toBe('处置中 Dispatched');
  });

  it('writes W3C dates with the China zone and reads them with any zone', () => {
    expect(w3cDate('2026-03-02T01:00:00.000Z')).toBe('2026-03-02T09:00:00+08:00');
    expect(parseW3cDate('2026-03-02T09:00:00+08:00')?.toISOString()).toBe('2026-03-02T01:00:00.000Z');
    expect(parseW3cDate('2026-03-02T01:00:00Z')?.toISOString()).toBe('2026-03-02T01:00:00.000Z');
    expect(parseW3cDate('2026-03-02T01:00:00-0500')?.toISOString()).toBe('2026-03-02T06:00:00.000Z');
    expect(parseW3cDate('2026-03-02')?.toISOString()).toBe('2026-03-01T16:00:00.000Z');
    expect(parseW3cDate('2026-02-30T00:00:00Z')).toBeNull();
    expect(parseW3cDate('yesterday')).toBeNull();
  });

  it('round-trips any instant through the W3C form (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2000-01-01'), max: Date.parse('2100-01-01') }), (ms) => {
        const at = new Date(Math.floor(ms / 1000) * 1000);
        return parseW3cDate(w3cDate(at))?.getTime() === at.getTime();
      }),
    );
  });
});

describe('handling photos', () => {
  const at = (status: CaseStatus): CaseState => ({ ...newCaseState({ reporterVerifies: false, at: '2026-03-02T01:00:00Z' }), status });
  const assignee = { role: 'grid_worker' as const, inScope: true, isReporter: false, isAssignee: true };
  const cadre = { role: 'village_cadre' as const, inScope: true, isReporter: false, isAssignee: false };
  it('come from the assignee while the case is dispatched to them, and at no other time', () => {
    expect(handlingPhotoRefusal(at('dispatched'), assignee)).toBeNull();
    expect(handlingPhotoRefusal(at('dispatched'), cadre)).toBe('not_permitted');
    for (const status of CASE_STATUSES.filter((s) => s !== 'dispatched')) expect(handlingPhotoRefusal(at(status), assignee), status).toBe('wrong_state');
  });
});

describe('a caller’s name from Open311’s first and last name', () => {
  it('reads a Chinese name family name first, others first name first', () => {
    expect(callerName('秀英', '王')).toBe('王秀英');
    expect(callerName('Anna', 'Schmidt')).toBe('Anna Schmidt');
    expect(callerName(' 秀英 ', undefined)).toBe('秀英');
    expect(callerName(undefined, '  ')).toBeUndefined();
  });
});
