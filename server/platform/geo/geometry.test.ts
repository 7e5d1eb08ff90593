import { describe, expect, it } from 'vitest';
import { bboxOf, firstVertexOutside, validateArea } from './geometry.ts';

const square = (x: number, y: number, s: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + s, y],
      [x + s, y + s],
      [x, y + s],
      [x, y],
    ],
  ],
});

describe('validateArea', () => {
  it('accepts a simple polygon, a polygon with a hole, a multipolygon and a Feature', () => {
    expect(validateArea(square(104.2, 30.8, 0.01)).ok).toBe(true);
    const withHole = { type: 'Polygon', coordinates: [square(104.2, 30.8, 0.01).coordinates[0], square(104.202, 30.802, 0.002).coordinates[0]!.slice().reverse()] };
    expect(validateArea(withHole).ok).toBe(true);
    expect(validateArea({ type: 'MultiPolygon', coordinates: [square(104.2, 30.8, 0.01).coordinates, square(104.3, 30.8, 0.01).coordinates] }).ok).toBe(true);
    expect(validateArea({ type: 'Feature', properties: {}, geometry: square(104.2, 30.8, 0.01) }).ok).toBe(true);
  });

  const bad: [string, unknown, RegExp][] = [
    ['a point', { type: 'Point', coordinates: [104, 30] }, /Polygon/],
    ['not an object', 'POLYGON((1 1))', /GeoJSON/],
    ['an open ring', { type: 'Polygon', coordinates: [[[104, 30], [104.1, 30], [104.1, 30.1], [104, 30.1]]] }, /not closed|至少/],
    ['too few positions', { type: 'Polygon', coordinates: [[[104, 30], [104.1, 30], [104, 30]]] }, /at least 4/],
    ['a bow-tie (self-intersecting)', { type: 'Polygon', coordinates: [[[104, 30], [104.1, 30.1], [104.1, 30], [104, 30.1], [104, 30]]] }, /intersects itself/],
    ['out-of-range latitude', { type: 'Polygon', coordinates: [[[104, 95], [104.1, 95], [104.1, 96], [104, 95]]] }, /out of range/],
    ['a text coordinate', { type: 'Polygon', coordinates: [[['104', 30], [104.1, 30], [104.1, 30.1], ['104', 30]]] }, /not \[lng, lat\]/],
    ['a zero-area ring', { type: 'Polygon', coordinates: [[[104, 30], [104.1, 30], [104.2, 30], [104, 30]]] }, /no area/],
    ['a hole outside its shell', { type: 'Polygon', coordinates: [square(104.2, 30.8, 0.01).coordinates[0], square(104.5, 30.8, 0.001).coordinates[0]] }, /hole/],
  ];
  for (const [name, input, reason] of bad) {
    it(`refuses ${name} with a reason`, () => {
      const check = validateArea(input);
      expect(check.ok).toBe(false);
      if (!check.ok) expect(check.reason).toMatch(reason);
    });
  }
});

describe('bbox and containment', () => {
  it('computes the bounding box', () => {
    const check = validateArea(square(104.2, 30.8, 0.01));
    if (!check.ok) throw new Error(check.reason);
    const [minLng, minLat, maxLng, maxLat] = bboxOf(check.geometry);
    expect([minLng, minLat]).toEqual([104.2, 30.8]);
    expect(maxLng).toBeCloseTo(104.21, 9);
    expect(maxLat).toBeCloseTo(30.81, 9);
  });
  it('finds a vertex of the inner polygon outside the outer one', () => {
    const outer = validateArea(square(104.2, 30.8, 0.01));
    const inside = validateArea(square(104.201, 30.801, 0.002));
    const across = validateArea(square(104.205, 30.805, 0.01));
    if (!outer.ok || !inside.ok || !across.ok) throw new Error('fixture');
    expect(firstVertexOutside(inside.geometry, outer.geometry)).toBeNull();
    expect(firstVertexOutside(across.geometry, outer.geometry)).toEqual([104.215, 30.805]);
  });
});
