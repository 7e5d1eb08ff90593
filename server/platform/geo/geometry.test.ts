import { describe, expect, it } from 'vitest';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import fc from 'fast-check';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { areasOverlap, bboxOf, firstPointOutside, locator, validateArea } from './geometry.ts';

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

describe('self-crossings and size', () => {
  const circle = (n: number) => {
    const ring = Array.from({ length: n }, (_, i) => [104.2 + 0.01 * Math.cos((2 * Math.PI * i) / n), 30.8 + 0.01 * Math.sin((2 * Math.PI * i) / n)]);
    return { type: 'Polygon', coordinates: [[...ring, ring[0]]] };
  };
  it('accepts a large simple outline', () => {
    expect(validateArea(circle(9_000)).ok).toBe(true);
  });
  it('refuses an outline over the vertex limit', () => {
    const check = validateArea(circle(10_001));
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toMatch(/too many vertices/);
  });
  it('refuses a boundary that touches itself at a corner, a hole that crosses its shell, and a large outline folded over', () => {
    const eight = { type: 'Polygon', coordinates: [[[0, 0], [2, 0], [1, 1], [2, 2], [0, 2], [1, 1], [0, 0]]] };
    expect(validateArea(eight).ok).toBe(false);
    const crossingHole = { type: 'Polygon', coordinates: [square(104.2, 30.8, 0.01).coordinates[0], square(104.205, 30.805, 0.01).coordinates[0]!.slice().reverse()] };
    expect(validateArea(crossingHole).ok).toBe(false);
    const folded = circle(9_000);
    const ring = folded.coordinates[0]!;
    [ring[100], ring[4_000]] = [ring[4_000]!, ring[100]!];
    const check = validateArea(folded);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toMatch(/intersects itself/);
  });
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
    expect(firstPointOutside(inside.geometry, outer.geometry)).toBeNull();
    expect(firstPointOutside(across.geometry, outer.geometry)).toEqual([104.215, 30.805]);
  });

  // A U-shaped parent: its two arms at x 0–1 and 2–3, the notch between them open at the top.
  const u: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]] };
  it('finds an edge that leaves a concave parent between two corners inside it', () => {
    const bridge = rectangle(0.5, 2, 2.5, 2.5); // every corner in an arm, the middle across the notch
    const outside = firstPointOutside(bridge, u);
    expect(outside).not.toBeNull();
    expect(outside![0]).toBeGreaterThan(1);
    expect(outside![0]).toBeLessThan(2);
    expect(firstPointOutside(rectangle(0.2, 0.2, 2.8, 0.8), u)).toBeNull(); // along the base: inside
    expect(firstPointOutside(rectangle(0, 0, 1, 3), u)).toBeNull(); // one arm exactly, edges on the boundary
  });
  it('finds a hole of the parent inside the child', () => {
    const holed: Polygon = { type: 'Polygon', coordinates: [rectangle(0, 0, 4, 4).coordinates[0]!, [[1.5, 1.5], [1.5, 2.5], [2.5, 2.5], [2.5, 1.5], [1.5, 1.5]]] };
    expect(firstPointOutside(rectangle(1, 1, 3, 3), holed)).not.toBeNull();
    expect(firstPointOutside(rectangle(0.2, 0.2, 1, 1), holed)).toBeNull();
  });
});

describe('overlaps between areas', () => {
  const sq = (x: number, y: number, size = 1): Polygon => rectangle(x, y, x + size, y + size);
  const cases: [string, Polygon, Polygon, boolean][] = [
    ['disjoint squares', sq(0, 0), sq(3, 0), false],
    ['squares sharing an edge', sq(0, 0), sq(1, 0), false],
    ['squares sharing a corner', sq(0, 0), sq(1, 1), false],
    ['overlapping squares', sq(0, 0), sq(0.5, 0.5), true],
    ['identical squares', sq(0, 0), sq(0, 0), true],
    ['one inside the other', sq(0, 0, 4), sq(1, 1), true],
    ['a cross: edges cross, no vertex inside', rectangle(0, 1, 3, 2), rectangle(1, 0, 2, 3), true],
    ['half of a shared edge', sq(0, 0), rectangle(1, 0.5, 2, 1.5), false],
  ];
  it.each(cases)('%s', (_name, a, b, expected) => {
    expect(areasOverlap(a, b)).toBe(expected);
    expect(areasOverlap(b, a)).toBe(expected);
  });
});

describe('where a point lies', () => {
  // A star-shaped ring on a lattice of quarter units, so that vertices, edges and lattice points
  // meet exactly: a star with a hole (a smaller square), beside a second part.
  const star = (spikes: number[]): Position[] => {
    const ring = spikes.map((r, i): Position => {
      const angle = (2 * Math.PI * i) / spikes.length;
      return [Math.round(r * Math.cos(angle) * 4) / 4, Math.round(r * Math.sin(angle) * 4) / 4];
    });
    return [...ring, ring[0]!];
  };
  const area = (spikes: number[]): MultiPolygon => ({
    type: 'MultiPolygon',
    coordinates: [
      [star(spikes), [[-0.5, -0.5], [-0.5, 0.5], [0.5, 0.5], [0.5, -0.5], [-0.5, -0.5]]],
      [rectangle(20, 0, 22, 3).coordinates[0]!],
    ],
  });
  const spikes = fc.array(fc.integer({ min: 2, max: 9 }), { minLength: 5, maxLength: 24 });
  const lattice = fc.tuple(fc.integer({ min: -40, max: 90 }), fc.integer({ min: -40, max: 40 })).map(([x, y]): Position => [x / 4, y / 4]);

  it('agrees with a whole-polygon test inside, outside, in holes, on edges and on corners', () => {
    fc.assert(
      fc.property(spikes, fc.array(lattice, { minLength: 20, maxLength: 60 }), (radii, points) => {
        const shape = area(radii);
        if (!validateArea(shape).ok) return; // the rounding folded the star: not an area
        const where = locator(shape);
        const corners = shape.coordinates.flat(2);
        for (const point of [...points, ...corners]) {
          const expected = booleanPointInPolygon(point, shape, { ignoreBoundary: true })
            ? 'inside'
            : booleanPointInPolygon(point, shape)
              ? 'boundary'
              : 'outside';
          expect(where(point)).toBe(expected);
        }
      }),
      { numRuns: 300 },
    );
  });
  it('answers outside for points east, west, north and south of the area', () => {
    const where = locator(rectangle(0, 0, 1, 1));
    expect([[2, 0.5], [-1, 0.5], [0.5, 2], [0.5, -1]].map((p) => where(p))).toEqual(['outside', 'outside', 'outside', 'outside']);
    expect([where([0.5, 0.5]), where([1, 0.5]), where([1, 1])]).toEqual(['inside', 'boundary', 'boundary']);
  });
});

function rectangle(west: number, south: number, east: number, north: number): Polygon {
  return { type: 'Polygon', coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]] };
}
