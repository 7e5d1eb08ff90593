import { createRequire } from 'node:module';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import fc from 'fast-check';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { EARTH_RADIUS_METERS, buildPolygonIndex, distanceMeters, nearest, type PolygonFeature } from './spatial-index.ts';

const robustPointInPolygon = createRequire(import.meta.url)('robust-point-in-polygon') as (
  loop: readonly Position[],
  point: readonly number[],
) => number;

const square = (x0: number, y0: number, x1: number, y1: number): Position[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
const poly = (...rings: Position[][]): Polygon => ({ type: 'Polygon', coordinates: rings });

/**
 * robust-point-in-polygon with one correction: version 1.0.3 answers "outside" (1) for a point
 * exactly on a vertex that is a local top or bottom of the ring; a vertex is on the boundary (0).
 */
function exactRing(ring: readonly Position[], x: number, y: number): number {
  if (ring.some(([vx, vy]) => vx === x && vy === y)) return 0;
  return robustPointInPolygon(ring, [x, y]);
}

/** Exact reference: every ring classified by `exactRing`; boundary counts as inside. */
function referenceContains(geometry: Polygon | MultiPolygon, x: number, y: number): boolean {
  const parts = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return parts.some(([outer, ...holes]) => {
    const open = (ring: Position[]) => ring.slice(0, -1);
    const o = exactRing(open(outer!), x, y);
    if (o > 0) return false;
    if (o === 0) return true;
    for (const hole of holes) {
      const h = exactRing(open(hole), x, y);
      if (h < 0) return false;
      if (h === 0) return true;
    }
    return true;
  });
}

function referenceLocate(features: readonly PolygonFeature[], x: number, y: number): string | null {
  const hits = features.filter((f) => referenceContains(f.geometry, x, y)).map((f) => f.id);
  return hits.length === 0 ? null : hits.sort()[0]!;
}

function turfLocate(features: readonly PolygonFeature[], x: number, y: number): string | null {
  const hits = features.filter((f) => booleanPointInPolygon([x, y], f.geometry)).map((f) => f.id);
  return hits.length === 0 ? null : hits.sort()[0]!;
}

/**
 * Textbook even-odd test with an explicit on-segment check. Exact for small integer and
 * half-integer coordinates, where every product and difference below is exact.
 */
function latticeContains(ring: readonly Position[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [ax, ay] = ring[j] as [number, number];
    const [bx, by] = ring[i] as [number, number];
    const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
    if (cross === 0 && Math.min(ax, bx) <= x && x <= Math.max(ax, bx) && Math.min(ay, by) <= y && y <= Math.max(ay, by)) return true;
    if (ay > y !== by > y && x < ax + ((bx - ax) * (y - ay)) / (by - ay)) inside = !inside;
  }
  return inside;
}

describe('robust-point-in-polygon 1.0.3, used for the exact fallback', () => {
  it('misses a vertex at a local top or bottom of a ring, which the index settles itself', () => {
    const apex: Position[] = [
      [0, 0],
      [2, 0],
      [1, 2],
    ];
    expect(robustPointInPolygon(apex, [1, 2])).toBe(1); // the library's answer: outside
    expect(buildPolygonIndex([{ id: 'apex', geometry: poly([...apex, apex[0]!]) }]).locate(1, 2)).toBe('apex');
    const trough: Position[] = [
      [0, 2],
      [1, 0],
      [2, 2],
    ];
    expect(robustPointInPolygon(trough, [1, 0])).toBe(1);
    expect(buildPolygonIndex([{ id: 'trough', geometry: poly([...trough, trough[0]!]) }]).locate(1, 0)).toBe('trough');
  });

  it('is not trusted with a vertex even on the exact path (the closing edge)', () => {
    // (1, 0) is the last vertex: the first edge examined ends there, its orientation is exactly 0,
    // and the exact fallback runs — which must still call the trough a boundary point.
    const ring: Position[] = [
      [2, 2],
      [0, 2],
      [1, 0],
      [2, 2],
    ];
    expect(buildPolygonIndex([{ id: 'v', geometry: poly(ring) }]).locate(1, 0)).toBe('v');
  });
});

describe('a single polygon', () => {
  const index = buildPolygonIndex([{ id: 'a', geometry: poly(square(104.2, 30.7, 104.3, 30.8)) }]);

  it('finds points inside and not outside', () => {
    expect(index.size).toBe(1);
    expect(index.locate(104.25, 30.75)).toBe('a');
    expect(index.locate(104.35, 30.75)).toBeNull();
    expect(index.locate(104.25, 30.85)).toBeNull();
    expect(index.locate(0, 0)).toBeNull();
  });

  it('counts the boundary as inside: edges and vertices', () => {
    expect(index.locate(104.2, 30.75)).toBe('a'); // west edge
    expect(index.locate(104.3, 30.75)).toBe('a'); // east edge
    expect(index.locate(104.25, 30.7)).toBe('a'); // south edge
    expect(index.locate(104.25, 30.8)).toBe('a'); // north edge
    for (const [x, y] of square(104.2, 30.7, 104.3, 30.8)) expect(index.locate(x!, y!)).toBe('a');
    expect(index.locate(104.2, 30.8000001)).toBeNull();
    expect(index.locate(104.1999999, 30.75)).toBeNull();
  });

  it('returns null for coordinates that are not numbers', () => {
    expect(index.locate(Number.NaN, 30.75)).toBeNull();
    expect(index.locate(104.25, Infinity)).toBeNull();
    expect(index.locateAll(Number.NaN, 30.75)).toEqual([]);
  });

  it('is exact on slanted edges', () => {
    const triangle = buildPolygonIndex([
      {
        id: 't',
        geometry: poly([
          [0, 0],
          [3, 1],
          [0, 4],
          [0, 0],
        ]),
      },
    ]);
    expect(triangle.locate(1.5, 0.5)).toBe('t'); // exactly on (0,0)–(3,1)
    expect(triangle.locate(1.5, 0.5 - 2 ** -40)).toBeNull(); // just below it
    expect(triangle.locate(1.5, 0.5 + 2 ** -40)).toBe('t'); // just above it
    expect(triangle.locate(1.5, 2.5)).toBe('t'); // exactly on (3,1)–(0,4)
    expect(triangle.locate(1.5 + 2 ** -40, 2.5)).toBeNull();
  });

  it('does not miscount rays through vertices and along horizontal edges', () => {
    // A "W" shape: the ray from a point at y = 2 passes through vertices and along edges.
    const w = buildPolygonIndex([
      {
        id: 'w',
        geometry: poly([
          [0, 0],
          [6, 0],
          [6, 4],
          [5, 4],
          [4, 2],
          [3, 4],
          [2, 2],
          [1, 2],
          [1, 4],
          [0, 4],
          [0, 0],
        ]),
      },
    ]);
    expect(w.locate(-1, 2)).toBeNull();
    expect(w.locate(0.5, 2)).toBe('w');
    expect(w.locate(1.5, 2)).toBe('w'); // on the horizontal edge (1,2)–(2,2)
    expect(w.locate(1.5, 3)).toBeNull(); // in the notch
    expect(w.locate(3.5, 3.5)).toBeNull();
    expect(w.locate(3, 3)).toBe('w');
    expect(w.locate(4, 2)).toBe('w'); // a reflex vertex
    expect(w.locate(7, 2)).toBeNull();
    expect(w.locate(7, 4)).toBeNull();
    expect(w.locate(5.5, 4)).toBe('w');
  });

  it('works for either ring orientation and with or without the closing vertex', () => {
    const clockwise = buildPolygonIndex([{ id: 'cw', geometry: poly([...square(0, 0, 1, 1)].reverse()) }]);
    expect(clockwise.locate(0.5, 0.5)).toBe('cw');
    const open = buildPolygonIndex([{ id: 'open', geometry: poly(square(0, 0, 1, 1).slice(0, -1)) }]);
    expect(open.locate(0.5, 0.5)).toBe('open');
    expect(open.locate(0, 0.5)).toBe('open');
  });
});

describe('holes and multipolygons', () => {
  // A village with a reservoir (hole) in it, and a detached enclave.
  const village: MultiPolygon = {
    type: 'MultiPolygon',
    coordinates: [
      [square(0, 0, 10, 10), square(4, 4, 6, 6)],
      [square(20, 0, 22, 2)],
    ],
  };
  const index = buildPolygonIndex([{ id: 'v', geometry: village }]);
  const treeOnly = buildPolygonIndex([{ id: 'v', geometry: village }], { grid: false });

  it('excludes points strictly inside a hole', () => {
    expect(index.locate(5, 5)).toBeNull();
    expect(index.locate(4.0001, 5.9999)).toBeNull();
    expect(index.locate(3.9999, 5)).toBe('v');
  });

  it('counts the hole boundary as boundary', () => {
    expect(index.locate(4, 5)).toBe('v'); // hole edge
    expect(index.locate(6, 6)).toBe('v'); // hole vertex
  });

  it('gives the same answers without the bucket grid', () => {
    for (const [x, y] of [
      [5, 5],
      [4, 5],
      [1, 1],
      [21, 1],
      [15, 1],
      [22, 2],
    ] as const) {
      expect(treeOnly.locate(x, y)).toBe(index.locate(x, y));
    }
  });

  it('finds points in every part, and not between them', () => {
    expect(index.locate(1, 1)).toBe('v');
    expect(index.locate(21, 1)).toBe('v');
    expect(index.locate(22, 2)).toBe('v');
    expect(index.locate(15, 1)).toBeNull();
  });

  it('finds a polygon inside another polygon\'s hole', () => {
    const nested = buildPolygonIndex([
      { id: 'z-ring', geometry: poly(square(0, 0, 10, 10), square(4, 4, 6, 6)) },
      { id: 'island', geometry: poly(square(4.5, 4.5, 5.5, 5.5)) },
    ]);
    expect(nested.locate(5, 5)).toBe('island');
    expect(nested.locate(4.2, 5)).toBeNull();
    expect(nested.locate(4, 5)).toBe('z-ring');
  });
});

describe('shared edges', () => {
  const left = { id: 'b-left', geometry: poly(square(0, 0, 1, 1)) };
  const right = { id: 'a-right', geometry: poly(square(1, 0, 2, 1)) };

  const orders = [
    [left, right],
    [right, left],
  ];
  const builds = orders.flatMap((features) => [buildPolygonIndex(features), buildPolygonIndex(features, { grid: false })]);

  it('returns the smallest id whatever the input order, with or without the bucket grid', () => {
    for (const index of builds) {
      expect(index.locate(1, 0.5)).toBe('a-right');
      expect(index.locateAll(1, 0.5)).toEqual(['a-right', 'b-left']);
      expect(index.locate(0.5, 0.5)).toBe('b-left');
      expect(index.locate(1.5, 0.5)).toBe('a-right');
    }
  });

  it('returns the smallest id at a vertex shared by four cells', () => {
    const cells = [
      { id: 'c3', geometry: poly(square(0, 0, 1, 1)) },
      { id: 'c1', geometry: poly(square(1, 0, 2, 1)) },
      { id: 'c4', geometry: poly(square(0, 1, 1, 2)) },
      { id: 'c2', geometry: poly(square(1, 1, 2, 2)) },
    ];
    for (const index of [buildPolygonIndex(cells), buildPolygonIndex(cells, { grid: false })]) {
      expect(index.locate(1, 1)).toBe('c1');
      expect(index.locateAll(1, 1)).toEqual(['c1', 'c2', 'c3', 'c4']);
      expect(index.locate(0, 1)).toBe('c3');
      expect(index.locate(2, 2)).toBe('c2'); // the far corner of the data: the last bucket
      expect(index.locate(2.0000001, 2)).toBeNull();
    }
  });
});

describe('overlapping polygons', () => {
  it('returns the smallest id among nested and overlapping polygons', () => {
    const features: PolygonFeature[] = [
      { id: 'town', geometry: poly(square(0, 0, 10, 10)) },
      { id: 'village-2', geometry: poly(square(1, 1, 6, 6)) },
      { id: 'village-1', geometry: poly(square(4, 4, 9, 9)) },
    ];
    for (const index of [buildPolygonIndex(features), buildPolygonIndex(features, { grid: false })]) {
      expect(index.locate(0.5, 0.5)).toBe('town');
      expect(index.locate(2, 2)).toBe('town'); // 'town' < 'village-2'
      expect(index.locateAll(5, 5)).toEqual(['town', 'village-1', 'village-2']);
      expect(index.locate(10, 10)).toBe('town');
      expect(index.locate(10.1, 5)).toBeNull();
    }
    const villages = features.slice(1);
    for (const index of [buildPolygonIndex(villages), buildPolygonIndex(villages, { grid: false })]) {
      expect(index.locate(5, 5)).toBe('village-1');
      expect(index.locate(2, 2)).toBe('village-2');
      expect(index.locate(8, 2)).toBeNull(); // inside the data's extent, in no polygon
    }
  });
});

describe('validation', () => {
  it.each([
    ['a duplicate id', [{ id: 'x', geometry: poly(square(0, 0, 1, 1)) }, { id: 'x', geometry: poly(square(2, 0, 3, 1)) }]],
    ['an empty id', [{ id: '', geometry: poly(square(0, 0, 1, 1)) }]],
    ['a two-vertex ring', [{ id: 'x', geometry: poly([[0, 0], [1, 1], [0, 0]]) }]],
    ['a NaN coordinate', [{ id: 'x', geometry: poly([[0, 0], [1, Number.NaN], [1, 1], [0, 0]]) }]],
    ['an out-of-range latitude', [{ id: 'x', geometry: poly([[0, 0], [1, 91], [1, 1], [0, 0]]) }]],
    ['a point geometry', [{ id: 'x', geometry: { type: 'Point', coordinates: [0, 0] } }]],
    ['a polygon with no rings', [{ id: 'x', geometry: poly() }]],
    ['an empty multipolygon', [{ id: 'x', geometry: { type: 'MultiPolygon', coordinates: [] } }]],
  ])('rejects %s', (_label, features) => {
    expect(() => buildPolygonIndex(features as PolygonFeature[])).toThrow(RangeError);
  });

  it('accepts no features at all', () => {
    const empty = buildPolygonIndex([]);
    expect(empty.size).toBe(0);
    expect(empty.locate(104.3, 30.8)).toBeNull();
  });
});

/** A jittered grid of micro-grids sharing their edges, over part of Qingbaijiang. */
function jitteredGrid(cols: number, rows: number, seed: number): PolygonFeature[] {
  let s = seed >>> 0;
  const random = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const west = 104.12;
  const south = 30.66;
  const dx = 0.0038;
  const dy = 0.0029;
  const nodes = Array.from({ length: rows + 1 }, (_, r) =>
    Array.from({ length: cols + 1 }, (_, c): Position => [west + (c + (random() - 0.5) * 0.4) * dx, south + (r + (random() - 0.5) * 0.4) * dy]),
  );
  const mid = (a: Position, b: Position, bendX: number, bendY: number): Position => [
    (a[0]! + b[0]!) / 2 + (random() - 0.5) * bendX,
    (a[1]! + b[1]!) / 2 + (random() - 0.5) * bendY,
  ];
  const bottoms = nodes.map((row, r) => row.slice(0, -1).map((p, c) => mid(p, nodes[r]![c + 1]!, 0, 0.2 * dy)));
  const sides = nodes.slice(0, -1).map((row, r) => row.map((p, c) => mid(p, nodes[r + 1]![c]!, 0.2 * dx, 0)));
  const features: PolygonFeature[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const n = (rr: number, cc: number) => nodes[rr]![cc]!;
      const ring: Position[] = [
        n(r, c),
        bottoms[r]![c]!,
        n(r, c + 1),
        sides[r]![c + 1]!,
        n(r + 1, c + 1),
        bottoms[r + 1]![c]!,
        n(r + 1, c),
        sides[r]![c]!,
        n(r, c),
      ];
      features.push({ id: `mg-${r}-${c}`, geometry: poly(ring) });
    }
  }
  return features;
}

describe('many polygons, by property', () => {
  const features = jitteredGrid(30, 30, 7);
  // A hole in one cell and a detached part in another, so that the grid has both kinds.
  const holed = features[5 * 30 + 5]!;
  const [cx, cy] = [104.12 + 5.5 * 0.0038, 30.66 + 5.5 * 0.0029];
  holed.geometry = poly((holed.geometry as Polygon).coordinates[0]!, square(cx - 0.0008, cy - 0.0006, cx + 0.0008, cy + 0.0006));
  const index = buildPolygonIndex(features);
  const treeOnly = buildPolygonIndex(features, { grid: false });
  const shuffled = buildPolygonIndex([...features].reverse());

  const lngArb = fc.double({ min: 104.11, max: 104.24, noNaN: true });
  const latArb = fc.double({ min: 30.65, max: 30.76, noNaN: true });

  it('agrees with @turf/boolean-point-in-polygon on random points', () => {
    fc.assert(
      fc.property(lngArb, latArb, (x, y) => {
        const expected = turfLocate(features, x, y);
        expect(index.locate(x, y)).toBe(expected);
        expect(treeOnly.locate(x, y)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with exact classification on points on edges and vertices', () => {
    const vertices = features.flatMap((f) => (f.geometry as Polygon).coordinates.flatMap((ring) => ring));
    const vertexArb = fc.constantFrom(...vertices);
    // Points on an edge between two vertices of one ring (rounded, so just on or just off it).
    const edgePointArb = fc
      .tuple(fc.integer({ min: 0, max: features.length - 1 }), fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }))
      .map(([f, e, t]) => {
        const ring = (features[f]!.geometry as Polygon).coordinates[0]!;
        const a = ring[e % (ring.length - 1)]!;
        const b = ring[(e % (ring.length - 1)) + 1]!;
        return [a[0]! + (b[0]! - a[0]!) * t, a[1]! + (b[1]! - a[1]!) * t] as Position;
      });
    fc.assert(
      fc.property(fc.oneof(vertexArb.map((p) => ({ p, vertex: true })), edgePointArb.map((p) => ({ p, vertex: false }))), ({ p, vertex }) => {
        const [x, y] = p as [number, number];
        const expected = referenceLocate(features, x, y);
        expect(index.locate(x, y)).toBe(expected);
        expect(treeOnly.locate(x, y)).toBe(expected);
        expect(index.locateAll(x, y)).toEqual(features.filter((f) => referenceContains(f.geometry, x, y)).map((f) => f.id).sort());
        if (vertex) expect(expected).not.toBeNull(); // every vertex of the grid belongs to some cell
      }),
      { numRuns: 1500 },
    );
  });

  it('does not depend on input order', () => {
    fc.assert(
      fc.property(lngArb, latArb, (x, y) => {
        expect(shuffled.locate(x, y)).toBe(index.locate(x, y));
      }),
      { numRuns: 1000 },
    );
    for (const [x, y] of (features[0]!.geometry as Polygon).coordinates[0]!) {
      expect(shuffled.locate(x!, y!)).toBe(index.locate(x!, y!));
    }
  });

  it('stays exact where naive floating-point orientation gets the side wrong', () => {
    // Points on a 128 × 128 lattice of adjacent doubles around a point of the edge
    // (-12.1, -7.3)–(24.7, 17.9). Coordinate differences here round (the numbers span several
    // binades), and a naive orientation determinant has the wrong sign for a few dozen of them.
    const ring: Position[] = [
      [-12.1, -7.3],
      [24.7, -7.3],
      [24.7, 17.9],
    ];
    const one = buildPolygonIndex([{ id: 'tri', geometry: poly([...ring, ring[0]!]) }]);
    const y0 = 5.4234;
    const x0 = -12.1 + ((24.7 + 12.1) * (y0 + 7.3)) / (17.9 + 7.3);
    const bits = new Float64Array(2);
    const ints = new BigInt64Array(bits.buffer);
    let wrong = 0;
    let inside = 0;
    for (let i = -64; i < 64; i++) {
      for (let j = -64; j < 64; j++) {
        bits[0] = x0;
        bits[1] = y0;
        ints[0] = ints[0]! + BigInt(i);
        ints[1] = ints[1]! + BigInt(j);
        const [x, y] = [bits[0], bits[1]];
        const expected = exactRing(ring, x, y) <= 0;
        if (expected) inside++;
        if ((one.locate(x, y) !== null) !== expected) wrong++;
      }
    }
    expect(inside).toBeGreaterThan(1000); // both sides are represented
    expect(inside).toBeLessThan(128 * 128 - 1000);
    expect(wrong).toBe(0);
  });

  it('stays exact for points within a few ulps of slanted edges', () => {
    // Move a float by k units in the last place.
    const bits = new Float64Array(1);
    const ints = new BigInt64Array(bits.buffer);
    const ulps = (x: number, k: number) => {
      if (x === 0) return 0; // one ulp from 0 is a subnormal number: see below
      bits[0] = x;
      ints[0] = ints[0]! + BigInt(x >= 0 ? k : -k);
      return bits[0];
    };
    // Within Chengdu every longitude lies in [64, 128) and every latitude in [16, 32), where
    // coordinate differences are exact; the error bound earns its keep across binades (near the
    // equator or the prime meridian, or across latitude 32°), so test both.
    // (Magnitudes below 1e-6 degrees (0.1 m) are set to 0, in vertices and in the query point alike:
    // far smaller ones let products underflow, where no floating-point filter or expansion arithmetic
    // is exact, and no map needs them.)
    const tiny = (v: number) => (Math.abs(v) < 1e-6 ? 0 : v);
    const coord = (min: number, max: number) => fc.double({ min, max, noNaN: true }).map(tiny);
    const vertexArb = fc.oneof(
      fc.tuple(coord(104.12, 104.5), coord(30.66, 30.95)),
      fc.tuple(coord(-3, 3), coord(-3, 3)),
      fc.tuple(coord(0.1, 180), coord(0.1, 90)),
    );
    fc.assert(
      fc.property(
        vertexArb,
        vertexArb,
        vertexArb,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: -4, max: 4 }),
        fc.integer({ min: -4, max: 4 }),
        (a, b, c, t, kx, ky) => {
          const ring: Position[] = [a, b, c, a];
          const x = ulps(tiny(a[0] + (b[0] - a[0]) * t), kx);
          const y = ulps(tiny(a[1] + (b[1] - a[1]) * t), ky);
          const one = buildPolygonIndex([{ id: 'tri', geometry: poly(ring) }]);
          expect(one.locate(x, y)).toBe(exactRing(ring.slice(0, -1), x, y) <= 0 ? 'tri' : null);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('matches exact classification on small integer polygons full of degenerate alignments', () => {
    // Star-shaped rings on a 0–8 lattice; queries on the lattice and half-lattice hit vertices,
    // horizontal edges and collinear runs all the time.
    const ringArb = fc
      .array(fc.integer({ min: 1, max: 4 }), { minLength: 3, maxLength: 10 })
      .map((radii) =>
        radii.map((radius, i): Position => {
          const angle = (2 * Math.PI * i) / radii.length;
          return [Math.round(4 + radius * Math.cos(angle)), Math.round(4 + radius * Math.sin(angle))];
        }),
      )
      .filter((ring) => new Set(ring.map((p) => p.join())).size === ring.length);
    const coordArb = fc.integer({ min: -1, max: 18 }).map((k) => k / 2);
    fc.assert(
      fc.property(ringArb, fc.array(fc.tuple(coordArb, coordArb), { minLength: 1, maxLength: 30 }), (ring, points) => {
        const geometry = poly([...ring, ring[0]!]);
        const one = buildPolygonIndex([{ id: 'p', geometry }]);
        for (const [x, y] of points) {
          const expected = latticeContains(ring, x, y) ? 'p' : null;
          expect(one.locate(x, y), `${JSON.stringify(ring)} @ ${x},${y}`).toBe(expected);
          expect(booleanPointInPolygon([x, y], geometry) ? 'p' : null, 'turf agrees').toBe(expected);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('several polygons on a lattice, by property', () => {
  it('match the exact answer on and off bucket boundaries, with and without the bucket grid', () => {
    // Rectangles and triangles with integer corners: the data's extent is integral, so bucket
    // boundaries fall on simple fractions, and lattice queries land on them and on polygon edges.
    const shapeArb = fc
      .tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.boolean())
      .map(([x, y, w, h, triangle]): Position[] =>
        triangle
          ? [
              [x, y],
              [x + w, y],
              [x, y + h],
            ]
          : square(x, y, x + w, y + h).slice(0, -1),
      );
    const coordArb = fc.integer({ min: -2, max: 48 }).map((k) => k / 4);
    fc.assert(
      fc.property(fc.array(shapeArb, { minLength: 1, maxLength: 8 }), fc.array(fc.tuple(coordArb, coordArb), { minLength: 1, maxLength: 40 }), (shapes, points) => {
        const features = shapes.map((ring, i): PolygonFeature => ({ id: `p${String(i).padStart(2, '0')}`, geometry: poly([...ring, ring[0]!]) }));
        const indexes = [buildPolygonIndex(features), buildPolygonIndex(features, { grid: false })];
        for (const [x, y] of points) {
          const hit = shapes.findIndex((ring) => latticeContains(ring, x, y));
          const expected = hit === -1 ? null : features[hit]!.id;
          for (const index of indexes) expect(index.locate(x, y), `${x},${y}`).toBe(expected);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('distances', () => {
  const qingbaijiang = { lng: 104.251, lat: 30.878 };

  it('uses the haversine formula on the mean Earth radius', () => {
    expect(distanceMeters(qingbaijiang, qingbaijiang)).toBe(0);
    const degree = (EARTH_RADIUS_METERS * Math.PI) / 180;
    expect(distanceMeters({ lng: 104, lat: 30 }, { lng: 104, lat: 31 })).toBeCloseTo(degree, 6);
    expect(distanceMeters({ lng: 0, lat: 0 }, { lng: 1, lat: 0 })).toBeCloseTo(degree, 6);
    expect(distanceMeters({ lng: 0, lat: 0 }, { lng: 180, lat: 0 })).toBeCloseTo(Math.PI * EARTH_RADIUS_METERS, 3);
    // 0.01° of longitude at 30.878° N is about 955 m.
    expect(distanceMeters(qingbaijiang, { lng: 104.261, lat: 30.878 })).toBeCloseTo(954.5, 0);
  });

  it('is symmetric and obeys the triangle inequality', () => {
    const pointArb = fc.record({ lng: fc.double({ min: 103, max: 105, noNaN: true }), lat: fc.double({ min: 30, max: 31.5, noNaN: true }) });
    fc.assert(
      fc.property(pointArb, pointArb, pointArb, (a, b, c) => {
        expect(distanceMeters(a, b)).toBeCloseTo(distanceMeters(b, a), 6);
        expect(distanceMeters(a, c)).toBeLessThanOrEqual(distanceMeters(a, b) + distanceMeters(b, c) + 1e-6);
      }),
      { numRuns: 500 },
    );
  });

  it('nearest finds the closest seat, the first on a tie, and null for none', () => {
    const seats = [
      { id: 'seat-far', lng: 104.4, lat: 30.9 },
      { id: 'seat-near', lng: 104.252, lat: 30.879 },
      { id: 'seat-twin', lng: 104.252, lat: 30.879 },
    ];
    const found = nearest(qingbaijiang.lng, qingbaijiang.lat, seats);
    expect(found?.point.id).toBe('seat-near');
    expect(found?.index).toBe(1);
    expect(found?.distanceMeters).toBeCloseTo(distanceMeters(qingbaijiang, seats[1]!), 9);
    expect(nearest(104.25, 30.88, [])).toBeNull();
  });

  it('nearest agrees with a sort by distance', () => {
    const pointArb = fc.record({ lng: fc.double({ min: 104.12, max: 104.5, noNaN: true }), lat: fc.double({ min: 30.66, max: 30.95, noNaN: true }) });
    fc.assert(
      fc.property(pointArb, fc.array(pointArb, { minLength: 1, maxLength: 40 }), (from, seats) => {
        const best = Math.min(...seats.map((s) => distanceMeters(from, s)));
        expect(nearest(from.lng, from.lat, seats)?.distanceMeters).toBe(best);
      }),
      { numRuns: 300 },
    );
  });
});
