/**
 * Point-in-polygon routing: which micro-grid contains a reported location.
 *
 * A `flatbush` R-tree over the bounding box of every polygon (each part of a MultiPolygon has its
 * own box) gives the candidates; an exact test decides. For speed, the tree is also used once at
 * build time to fill a uniform bucket grid (about four buckets per polygon): each bucket lists the
 * parts whose box meets it, in id order, so a lookup is an array index plus a few exact tests and
 * stops at the first hit. (If overlapping data would make those lists large, lookups search the
 * tree instead.)
 *
 * Rings are flattened once into a single Float64Array, and the exact test is a ray-crossing count
 * with a floating-point filter: each edge orientation whose sign the filter cannot certify (the
 * point lies on or within rounding distance of an edge) sends that ring to
 * `robust-point-in-polygon`, which classifies it with exact arithmetic (vertices are compared
 * first, as that library misses some of them). So the answers are exact, and the common case is
 * a plain loop over numbers.
 *
 * Semantics:
 * - A point on a polygon's boundary — an edge, a vertex, or the boundary of a hole — is contained.
 *   A point strictly inside a hole is not.
 * - When several polygons contain the point (a shared edge or vertex, or overlapping data),
 *   `locate` returns the smallest id (JavaScript string order), so the answer does not depend on
 *   input order. `locateAll` returns them all, sorted.
 * - Coordinates are GeoJSON order: longitude, then latitude (WGS-84 or GCJ-02 alike; the index
 *   only compares numbers, so queries must use the same datum as the polygons).
 * - Exactness holds as long as products of coordinate differences do not underflow (differences
 *   above about 1e-150 degrees, or exactly zero): true of any map data.
 */
import { createRequire } from 'node:module';
import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon, Position } from 'geojson';

type Classify = (loop: readonly (readonly number[])[], point: readonly number[]) => number;
// robust-point-in-polygon is CommonJS without type declarations.
const robustPointInPolygon = createRequire(import.meta.url)('robust-point-in-polygon') as Classify;

export interface PolygonFeature {
  id: string;
  geometry: Polygon | MultiPolygon;
}

export interface PolygonIndex {
  /** Number of features indexed. */
  readonly size: number;
  /** The id of the polygon containing the point (smallest id if several), or null. */
  locate(lng: number, lat: number): string | null;
  /** Ids of all polygons containing the point, sorted. */
  locateAll(lng: number, lat: number): string[];
}

/**
 * Shewchuk's error bound for a 2-D orientation evaluated in double precision: when
 * |det| exceeds it, the sign of the computed determinant is the sign of the exact one.
 */
const EPSILON = 2 ** -53;
const CCW_ERROR_BOUND = (3 + 16 * EPSILON) * EPSILON;

const OUTSIDE = 1;
const BOUNDARY = 0;
const INSIDE = -1;
/** The filter could not decide: classify the ring exactly. */
const UNCERTAIN = 2;

/**
 * Classify (px, py) against the ring stored as vertices [start, end) of `xy` (x, y interleaved, no
 * repeated closing vertex): INSIDE, BOUNDARY, OUTSIDE or UNCERTAIN.
 */
function classifyRingFast(xy: Float64Array, start: number, end: number, px: number, py: number): number {
  let inside = false;
  let xj = xy[2 * end - 2]!;
  let yj = xy[2 * end - 1]!;
  for (let k = 2 * start; k < 2 * end; k += 2) {
    const xi = xy[k]!;
    const yi = xy[k + 1]!;
    if (yi > py !== yj > py) {
      // The edge crosses the horizontal line through the point (half-open in y).
      if (xi > px && xj > px) {
        inside = !inside;
      } else if (xi >= px || xj >= px) {
        // Orientation of (lower, upper, point): positive when the point is left of the upward edge,
        // that is, when the edge crosses the line to the right of the point.
        const upperIsI = yi > py;
        const xl = upperIsI ? xj : xi;
        const yl = upperIsI ? yj : yi;
        const xu = upperIsI ? xi : xj;
        const yu = upperIsI ? yi : yj;
        const detLeft = (xl - px) * (yu - py);
        const detRight = (yl - py) * (xu - px);
        const det = detLeft - detRight;
        const bound = CCW_ERROR_BOUND * (Math.abs(detLeft) + Math.abs(detRight));
        if (det > bound) inside = !inside;
        else if (!(det < -bound)) return UNCERTAIN;
      }
    } else if (yi === py) {
      if (xi === px) return BOUNDARY; // on a vertex
      if (yj === py && (xi < px) !== (xj < px)) return BOUNDARY; // on a horizontal edge
    }
    xj = xi;
    yj = yi;
  }
  return inside ? INSIDE : OUTSIDE;
}

function ringAsLoop(xy: Float64Array, start: number, end: number): number[][] {
  const loop: number[][] = [];
  for (let v = start; v < end; v++) loop.push([xy[2 * v]!, xy[2 * v + 1]!]);
  return loop;
}

function classifyRing(xy: Float64Array, start: number, end: number, px: number, py: number): number {
  const fast = classifyRingFast(xy, start, end, px, py);
  if (fast !== UNCERTAIN) return fast;
  // robust-point-in-polygon 1.0.3 answers "outside" for a point exactly on a vertex that is a local
  // top or bottom of the ring (a triangle's apex), so vertices are settled here first.
  for (let k = 2 * start; k < 2 * end; k += 2) {
    if (xy[k] === px && xy[k + 1] === py) return BOUNDARY;
  }
  return Math.sign(robustPointInPolygon(ringAsLoop(xy, start, end), [px, py]));
}

interface Flattened {
  xy: Float64Array;
  /** Vertex index where each ring starts; one extra entry at the end. */
  ringStart: Int32Array;
  /** Ring index where each part (outer ring + holes) starts; one extra entry at the end. */
  partRing: Int32Array;
  /** Rank (position in sorted id order) of each part's feature. */
  partRank: Int32Array;
  /** Bounding box of each part: minX, minY, maxX, maxY. */
  partBox: Float64Array;
}

function invalid(id: string, message: string): never {
  throw new RangeError(`polygon ${id}: ${message}`);
}

function readRing(id: string, ring: unknown, out: number[]): number {
  if (!Array.isArray(ring)) invalid(id, 'a ring must be an array of positions');
  let n = ring.length;
  const first = ring[0] as Position | undefined;
  const last = ring[n - 1] as Position | undefined;
  if (n > 1 && first && last && first[0] === last[0] && first[1] === last[1]) n -= 1; // drop the closing vertex
  if (n < 3) invalid(id, 'a ring needs at least three distinct vertices');
  for (let i = 0; i < n; i++) {
    const p = ring[i] as unknown;
    if (!Array.isArray(p) || p.length < 2) invalid(id, 'a position must be [lng, lat]');
    const [x, y] = p as number[];
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
      invalid(id, 'coordinates must be finite numbers');
    }
    if (x < -180 || x > 180 || y < -90 || y > 90) invalid(id, `coordinates out of range: [${x}, ${y}]`);
    out.push(x, y);
  }
  return n;
}

function flatten(features: readonly PolygonFeature[], rankOf: ReadonlyMap<string, number>): Flattened {
  const xy: number[] = [];
  const ringStart: number[] = [0];
  const partRing: number[] = [0];
  const partRank: number[] = [];
  const partBox: number[] = [];
  for (const feature of features) {
    const { id, geometry } = feature;
    const parts: unknown =
      geometry?.type === 'Polygon' ? [geometry.coordinates] : geometry?.type === 'MultiPolygon' ? geometry.coordinates : null;
    if (!Array.isArray(parts)) invalid(id, 'geometry must be a Polygon or a MultiPolygon');
    if (parts.length === 0) invalid(id, 'a MultiPolygon needs at least one polygon');
    for (const rings of parts) {
      if (!Array.isArray(rings) || rings.length === 0) invalid(id, 'a polygon needs an outer ring');
      let minX = Infinity;
      let minY = Infinity;
      let maxX = -Infinity;
      let maxY = -Infinity;
      rings.forEach((ring: unknown, r: number) => {
        const from = xy.length;
        const n = readRing(id, ring, xy);
        if (r === 0) {
          for (let k = from; k < xy.length; k += 2) {
            minX = Math.min(minX, xy[k]!);
            maxX = Math.max(maxX, xy[k]!);
            minY = Math.min(minY, xy[k + 1]!);
            maxY = Math.max(maxY, xy[k + 1]!);
          }
        }
        ringStart.push(ringStart[ringStart.length - 1]! + n);
      });
      partRing.push(ringStart.length - 1);
      partRank.push(rankOf.get(id)!);
      partBox.push(minX, minY, maxX, maxY);
    }
  }
  return {
    xy: Float64Array.from(xy),
    ringStart: Int32Array.from(ringStart),
    partRing: Int32Array.from(partRing),
    partRank: Int32Array.from(partRank),
    partBox: Float64Array.from(partBox),
  };
}

export interface PolygonIndexOptions {
  /** Use the bucket grid when its lists stay small (default true); false searches the tree on every lookup. */
  grid?: boolean;
}

/** Buckets per indexed part, and the most bucket-list entries allowed (else no grid). */
const BUCKETS_PER_PART = 4;
const MAX_BUCKETS = 1 << 22;
const MAX_BUCKET_ENTRIES = 1 << 24;

interface BucketGrid {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  nx: number;
  ny: number;
  /** Buckets per degree along each axis. */
  scaleX: number;
  scaleY: number;
  /** CSR lists: parts of bucket b are entries[start[b] .. start[b + 1]), in id order. */
  start: Int32Array;
  entries: Int32Array;
}

function buildGrid(tree: Flatbush, partRank: Int32Array): BucketGrid | null {
  const { minX, minY, maxX, maxY } = tree;
  const width = maxX - minX;
  const height = maxY - minY;
  const target = Math.min(MAX_BUCKETS, BUCKETS_PER_PART * partRank.length);
  let nx = 1;
  let ny = 1;
  if (width > 0 && height > 0) {
    nx = Math.max(1, Math.round(Math.sqrt((target * width) / height)));
    ny = Math.max(1, Math.round(target / nx));
  } else if (width > 0) nx = target;
  else if (height > 0) ny = target;
  nx = Math.min(nx, MAX_BUCKETS);
  ny = Math.min(ny, Math.max(1, Math.floor(MAX_BUCKETS / nx)));
  const bucketWidth = width / nx;
  const bucketHeight = height / ny;
  // Widen each bucket a little, so that rounding in the bucket arithmetic cannot drop a candidate.
  const padX = bucketWidth * 1e-6 + 1e-12;
  const padY = bucketHeight * 1e-6 + 1e-12;
  const start = new Int32Array(nx * ny + 1);
  const entries: number[] = [];
  const byRank = (a: number, b: number) => partRank[a]! - partRank[b]!;
  for (let j = 0; j < ny; j++) {
    const y0 = minY + j * bucketHeight;
    for (let i = 0; i < nx; i++) {
      const x0 = minX + i * bucketWidth;
      const found = tree.search(x0 - padX, y0 - padY, x0 + bucketWidth + padX, y0 + bucketHeight + padY).sort(byRank);
      if (entries.length + found.length > MAX_BUCKET_ENTRIES) return null;
      for (const part of found) entries.push(part);
      start[j * nx + i + 1] = entries.length;
    }
  }
  return {
    minX,
    minY,
    maxX,
    maxY,
    nx,
    ny,
    scaleX: width > 0 ? nx / width : 0,
    scaleY: height > 0 ? ny / height : 0,
    start,
    entries: Int32Array.from(entries),
  };
}

/** Build the index. Throws a RangeError naming the feature on a duplicate id or invalid geometry. */
export function buildPolygonIndex(features: readonly PolygonFeature[], options: PolygonIndexOptions = {}): PolygonIndex {
  const ids = features.map((f) => f.id);
  const sortedIds = [...ids].sort();
  const rankOf = new Map<string, number>();
  sortedIds.forEach((id, rank) => {
    if (typeof id !== 'string' || id.length === 0) throw new RangeError('every polygon needs a non-empty string id');
    if (rankOf.has(id)) throw new RangeError(`duplicate polygon id ${id}`);
    rankOf.set(id, rank);
  });

  const { xy, ringStart, partRing, partRank, partBox } = flatten(features, rankOf);
  const parts = partRank.length;
  if (parts === 0) return { size: 0, locate: () => null, locateAll: () => [] };

  // Small nodes suit point queries: on the routing benchmark nodeSize 4 does ~10–15% more lookups
  // per second than the default 16 (docs/performance-routing.md).
  const tree = new Flatbush(parts, 4);
  for (let p = 0; p < parts; p++) tree.add(partBox[4 * p]!, partBox[4 * p + 1]!, partBox[4 * p + 2]!, partBox[4 * p + 3]!);
  tree.finish();

  function partContains(part: number, px: number, py: number): boolean {
    const firstRing = partRing[part]!;
    const endRing = partRing[part + 1]!;
    const outer = classifyRing(xy, ringStart[firstRing]!, ringStart[firstRing + 1]!, px, py);
    if (outer !== INSIDE) return outer === BOUNDARY;
    for (let r = firstRing + 1; r < endRing; r++) {
      const hole = classifyRing(xy, ringStart[r]!, ringStart[r + 1]!, px, py);
      if (hole === INSIDE) return false;
      if (hole === BOUNDARY) return true;
    }
    return true;
  }

  // State shared with the search callback, so that a lookup allocates no closure.
  let qx = 0;
  let qy = 0;
  let best = -1;
  const keepSmallest = (part: number): boolean => {
    const rank = partRank[part]!;
    if ((best === -1 || rank < best) && partContains(part, qx, qy)) best = rank;
    return false;
  };

  function locateInTree(lng: number, lat: number): string | null {
    qx = lng;
    qy = lat;
    best = -1;
    tree.search(lng, lat, lng, lat, keepSmallest);
    return best === -1 ? null : sortedIds[best]!;
  }

  const grid = options.grid === false ? null : buildGrid(tree, partRank);

  function locateInGrid(g: BucketGrid, lng: number, lat: number): string | null {
    if (lng < g.minX || lng > g.maxX || lat < g.minY || lat > g.maxY) return null;
    const i = Math.min(g.nx - 1, Math.floor((lng - g.minX) * g.scaleX));
    const j = Math.min(g.ny - 1, Math.floor((lat - g.minY) * g.scaleY));
    const bucket = j * g.nx + i;
    const end = g.start[bucket + 1]!;
    for (let k = g.start[bucket]!; k < end; k++) {
      const part = g.entries[k]!;
      const b = 4 * part;
      if (lng < partBox[b]! || lat < partBox[b + 1]! || lng > partBox[b + 2]! || lat > partBox[b + 3]!) continue;
      // Entries are in id order: the first polygon that contains the point has the smallest id.
      if (partContains(part, lng, lat)) return sortedIds[partRank[part]!]!;
    }
    return null;
  }

  return {
    size: features.length,
    locate(lng: number, lat: number): string | null {
      if (!Number.isFinite(lng) || !Number.isFinite(lat)) return null;
      return grid === null ? locateInTree(lng, lat) : locateInGrid(grid, lng, lat);
    },
    locateAll(lng: number, lat: number): string[] {
      if (!Number.isFinite(lng) || !Number.isFinite(lat)) return [];
      const ranks = new Set<number>();
      for (const part of tree.search(lng, lat, lng, lat)) {
        if (partContains(part, lng, lat)) ranks.add(partRank[part]!);
      }
      return [...ranks].sort((a, b) => a - b).map((rank) => sortedIds[rank]!);
    },
  };
}

// ——— Distances ———

export interface LngLat {
  lng: number;
  lat: number;
}

/** Mean Earth radius (IUGG), metres. */
export const EARTH_RADIUS_METERS = 6_371_008.8;

const RAD = Math.PI / 180;

/** Great-circle (haversine) distance in metres. */
export function distanceMeters(a: LngLat, b: LngLat): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLng = (b.lng - a.lng) * RAD;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.sqrt(Math.min(1, s)));
}

/**
 * The point nearest to (lng, lat) — for instance the service seat (服务站点) closest to a report —
 * with its index and distance; the earliest in the list on a tie; null for an empty list.
 */
export function nearest<P extends LngLat>(lng: number, lat: number, points: readonly P[]): { point: P; index: number; distanceMeters: number } | null {
  const from = { lng, lat };
  let bestIndex = -1;
  let bestDistance = Infinity;
  for (let i = 0; i < points.length; i++) {
    const d = distanceMeters(from, points[i]!);
    if (d < bestDistance) {
      bestDistance = d;
      bestIndex = i;
    }
  }
  return bestIndex === -1 ? null : { point: points[bestIndex]!, index: bestIndex, distanceMeters: bestDistance };
}
