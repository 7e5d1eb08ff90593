/**
 * Routing benchmark: locate report points among 10,000 micro-grid polygons.
 *
 *   node --import tsx bench/routing.bench.ts [--points 1000000] [--scan-points 2000] [--runs 5]
 *
 * The polygons tile a jittered 100 × 100 grid over the Qingbaijiang bounding box
 * (lng 104.12–104.50, lat 30.66–30.95); each cell has 6–12 vertices and shares its edges with its
 * neighbours, so points on shared edges exist just as in real micro-grid data. Query points are
 * uniform over the box; a few fall outside the jittered outer boundary.
 *
 * Compared: our index (bucket grid filled from flatbush, exact ray crossing), median of several
 * runs over all points — and the same index searching the flatbush tree on every lookup — against
 * a linear scan calling @turf/boolean-point-in-polygon on every polygon for a subset of
 * the points (the scan keeps the smallest containing id, the same answer as ours), extrapolated
 * per lookup. The two are also checked to agree on that subset.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { Polygon } from 'geojson';
import { buildPolygonIndex, type PolygonFeature, type PolygonIndex } from '../server/platform/geo/spatial-index.ts';

const { values: args } = parseArgs({
  options: {
    points: { type: 'string', default: '1000000' },
    'scan-points': { type: 'string', default: '2000' },
    runs: { type: 'string', default: '5' },
    seed: { type: 'string', default: '20250926' },
  },
});
const POINTS = Number(args.points);
const SCAN_POINTS = Number(args['scan-points']);
const RUNS = Number(args.runs);

const BBOX = { west: 104.12, south: 30.66, east: 104.5, north: 30.95 };
const COLS = 100;
const ROWS = 100;

/** mulberry32: a small seeded generator, so every run measures the same data. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function microGrids(random: () => number): PolygonFeature[] {
  const dx = (BBOX.east - BBOX.west) / COLS;
  const dy = (BBOX.north - BBOX.south) / ROWS;
  const jitter = (scale: number) => (random() - 0.5) * 2 * scale;

  // Grid nodes, jittered; shared by the four cells around them.
  const node: [number, number][][] = [];
  for (let r = 0; r <= ROWS; r++) {
    node.push([]);
    for (let c = 0; c <= COLS; c++) node[r]!.push([BBOX.west + c * dx + jitter(0.2 * dx), BBOX.south + r * dy + jitter(0.2 * dy)]);
  }
  const at = (r: number, c: number) => node[r]![c]!;

  /** Intermediate vertices of the edge a → b, bent sideways; shared by the two cells on either side. */
  function bend(a: [number, number], b: [number, number], count: number, sideways: [number, number]): [number, number][] {
    const ts = Array.from({ length: count }, (_, i) => (i + 0.25 + random() * 0.5) / count).sort((x, y) => x - y);
    return ts.map((t) => {
      const off = jitter(0.12);
      return [a[0] + (b[0] - a[0]) * t + off * sideways[0], a[1] + (b[1] - a[1]) * t + off * sideways[1]];
    });
  }
  // Horizontal edges (row r, from column c to c + 1): 1–2 extra vertices; vertical edges 0–2.
  const horizontal: [number, number][][][] = [];
  for (let r = 0; r <= ROWS; r++) {
    horizontal.push([]);
    for (let c = 0; c < COLS; c++) horizontal[r]!.push(bend(at(r, c), at(r, c + 1), 1 + Math.floor(random() * 2), [0, dy]));
  }
  const vertical: [number, number][][][] = [];
  for (let r = 0; r < ROWS; r++) {
    vertical.push([]);
    for (let c = 0; c <= COLS; c++) vertical[r]!.push(bend(at(r, c), at(r + 1, c), Math.floor(random() * 3), [dx, 0]));
  }

  const features: PolygonFeature[] = [];
  for (let r = 0; r < ROWS; r++) {
    for (let c = 0; c < COLS; c++) {
      // Counter-clockwise: bottom edge west → east, right edge up, top edge east → west, left edge down.
      const ring: [number, number][] = [
        at(r, c),
        ...horizontal[r]![c]!,
        at(r, c + 1),
        ...vertical[r]![c + 1]!,
        at(r + 1, c + 1),
        ...[...horizontal[r + 1]![c]!].reverse(),
        at(r + 1, c),
        ...[...vertical[r]![c]!].reverse(),
      ];
      ring.push(ring[0]!);
      const geometry: Polygon = { type: 'Polygon', coordinates: [ring] };
      features.push({ id: `mg-${String(r).padStart(3, '0')}-${String(c).padStart(3, '0')}`, geometry });
    }
  }
  return features;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const random = seeded(Number(args.seed));
const features = microGrids(random);
const vertices = features.map((f) => (f.geometry as Polygon).coordinates[0]!.length - 1);
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
console.log(`polygons: ${features.length} (vertices ${Math.min(...vertices)}–${Math.max(...vertices)}), points: ${fmt(POINTS)}`);

const queries = new Float64Array(2 * POINTS);
for (let i = 0; i < POINTS; i++) {
  queries[2 * i] = BBOX.west + random() * (BBOX.east - BBOX.west);
  queries[2 * i + 1] = BBOX.south + random() * (BBOX.north - BBOX.south);
}

function measure(label: string, index: PolygonIndex, buildMs: number): number {
  const runOnce = () => {
    let found = 0;
    const start = performance.now();
    for (let i = 0; i < POINTS; i++) {
      if (index.locate(queries[2 * i]!, queries[2 * i + 1]!) !== null) found++;
    }
    return { rate: POINTS / ((performance.now() - start) / 1000), found };
  };
  runOnce(); // warm-up
  const rates: number[] = [];
  let found = 0;
  for (let run = 0; run < RUNS; run++) {
    const result = runOnce();
    rates.push(result.rate);
    found = result.found;
  }
  const rate = median(rates);
  console.log(`${label} (build ${buildMs.toFixed(1)} ms): ${rates.map(fmt).join(', ')} lookups/s; median ${fmt(rate)} (${fmt(found)} points inside a micro-grid)`);
  return rate;
}

let t0 = performance.now();
const index = buildPolygonIndex(features);
const indexRate = measure('index, bucket grid', index, performance.now() - t0);
t0 = performance.now();
const treeOnly = buildPolygonIndex(features, { grid: false });
const treeRate = measure('index, flatbush search only', treeOnly, performance.now() - t0);

function scan(x: number, y: number): string | null {
  let best: string | null = null;
  for (const f of features) {
    if ((best === null || f.id < best) && booleanPointInPolygon([x, y], f.geometry)) best = f.id;
  }
  return best;
}

for (let i = 0; i < 50; i++) scan(queries[2 * i]!, queries[2 * i + 1]!); // warm-up
let mismatches = 0;
t0 = performance.now();
const answers: (string | null)[] = [];
for (let i = 0; i < SCAN_POINTS; i++) answers.push(scan(queries[2 * i]!, queries[2 * i + 1]!));
const scanSeconds = (performance.now() - t0) / 1000;
for (let i = 0; i < SCAN_POINTS; i++) {
  const x = queries[2 * i]!;
  const y = queries[2 * i + 1]!;
  if (answers[i] !== index.locate(x, y) || answers[i] !== treeOnly.locate(x, y)) mismatches++;
}
const scanRate = SCAN_POINTS / scanSeconds;
console.log(
  `turf linear scan: ${fmt(SCAN_POINTS)} points in ${scanSeconds.toFixed(2)} s → ${fmt(scanRate)} lookups/s (${((scanSeconds / SCAN_POINTS) * 1e3).toFixed(3)} ms per lookup)`,
);
console.log(`agreement on the scanned subset: ${SCAN_POINTS - mismatches}/${SCAN_POINTS}`);
console.log(`ratio: ${fmt(indexRate / scanRate)}× the scan (flatbush search only: ${fmt(treeRate / scanRate)}×)`);
if (mismatches > 0) process.exitCode = 1;
