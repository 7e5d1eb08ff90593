import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** Polygons of regions (grids, micro-grids, outlines): validation and bounding boxes. Pure. */
export type Area = Polygon | MultiPolygon;
export type BBox = [minLng: number, minLat: number, maxLng: number, maxLat: number];

export type GeometryCheck = { ok: true; geometry: Area } | { ok: false; reason: string };

/** Vertices in one area: a micro-grid has tens, a village outline a few thousand. */
export const MAX_VERTICES = 10_000;

function checkRing(ring: unknown, where: string): string | null {
  if (!Array.isArray(ring)) return `${where}不是坐标数组 ${where} is not an array of positions`;
  if (ring.length < 4) return `${where}至少需要 4 个坐标（首尾相同） ${where} needs at least 4 positions`;
  for (const [i, pos] of ring.entries()) {
    if (!Array.isArray(pos) || pos.length < 2 || typeof pos[0] !== 'number' || typeof pos[1] !== 'number') {
      return `${where}第 ${i + 1} 个坐标无效 position ${i + 1} of ${where} is not [lng, lat]`;
    }
    const [lng, lat] = pos as [number, number];
    if (!Number.isFinite(lng) || !Number.isFinite(lat) || lng < -180 || lng > 180 || lat < -90 || lat > 90) {
      return `${where}第 ${i + 1} 个坐标超出经纬度范围 position ${i + 1} of ${where} is out of range`;
    }
  }
  const first = ring[0] as number[];
  const last = ring[ring.length - 1] as number[];
  if (first[0] !== last[0] || first[1] !== last[1]) return `${where}未闭合（首尾坐标不同） ${where} is not closed`;
  return null;
}

/** Twice the signed area in degrees², by the shoelace formula. */
export function ringArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i]!;
    const b = ring[i + 1]!;
    sum += a[0]! * b[1]! - b[0]! * a[1]!;
  }
  return sum;
}

function polygonsOf(geometry: Area): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/**
 * Accept a GeoJSON Polygon or MultiPolygon (or a Feature holding one) whose rings are closed,
 * have area, lie within lng/lat range, do not cross themselves or each other, and whose holes
 * lie inside their shell.
 */
export function validateArea(input: unknown): GeometryCheck {
  let value = input;
  if (value && typeof value === 'object' && (value as { type?: unknown }).type === 'Feature') value = (value as { geometry?: unknown }).geometry;
  if (!value || typeof value !== 'object') return { ok: false, reason: '不是 GeoJSON 几何对象 not a GeoJSON geometry' };
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  if (type !== 'Polygon' && type !== 'MultiPolygon') return { ok: false, reason: `应为 Polygon 或 MultiPolygon，收到 ${String(type)} expected Polygon or MultiPolygon` };
  if (!Array.isArray(coordinates) || coordinates.length === 0) return { ok: false, reason: '缺少坐标 coordinates are missing' };
  const polygons = (type === 'Polygon' ? [coordinates] : coordinates) as unknown[];
  let vertices = 0;
  for (const [p, polygon] of polygons.entries()) {
    if (!Array.isArray(polygon) || polygon.length === 0) return { ok: false, reason: `第 ${p + 1} 个多边形没有环 polygon ${p + 1} has no rings` };
    for (const [r, ring] of polygon.entries()) {
      const where = r === 0 ? '外环' : `第 ${r} 个内环`;
      const problem = checkRing(ring, where);
      if (problem) return { ok: false, reason: problem };
      vertices += (ring as unknown[]).length;
    }
  }
  if (vertices > MAX_VERTICES) return { ok: false, reason: `顶点过多（上限 ${MAX_VERTICES}） too many vertices` };
  const geometry = { type, coordinates } as Area;
  const at = firstSelfCrossing(geometry);
  if (at) return { ok: false, reason: `边界自相交，位置约 [${at.map((n) => n.toFixed(6)).join(', ')}] the boundary intersects itself` };
  for (const polygon of polygonsOf(geometry)) {
    if (polygon.some((ring) => Math.abs(ringArea(ring)) < 1e-14)) return { ok: false, reason: '环的面积为零 a ring has no area' };
    if (polygon.length < 2) continue;
    const inShell = locator({ type: 'Polygon', coordinates: [polygon[0]!] });
    for (const hole of polygon.slice(1)) {
      if (hole.some((pos) => inShell(pos) === 'outside')) return { ok: false, reason: '内环不在外环之内 a hole lies outside its shell' };
    }
  }
  return { ok: true, geometry };
}

export function bboxOf(geometry: Area): BBox {
  let minLng = Infinity;
  let minLat = Infinity;
  let maxLng = -Infinity;
  let maxLat = -Infinity;
  for (const polygon of polygonsOf(geometry)) {
    for (const [lng, lat] of polygon[0]!) {
      if (lng! < minLng) minLng = lng!;
      if (lng! > maxLng) maxLng = lng!;
      if (lat! < minLat) minLat = lat!;
      if (lat! > maxLat) maxLat = lat!;
    }
  }
  return [minLng, minLat, maxLng, maxLat];
}

/* ---------- how two areas lie to each other ---------- */

function edgesOf(geometry: Area): [Position, Position][] {
  const edges: [Position, Position][] = [];
  for (const polygon of polygonsOf(geometry)) {
    for (const ring of polygon) for (let i = 0; i + 1 < ring.length; i++) edges.push([ring[i]!, ring[i + 1]!]);
  }
  return edges;
}

function orientation(a: Position, b: Position, c: Position): number {
  return (b[0]! - a[0]!) * (c[1]! - a[1]!) - (b[1]! - a[1]!) * (c[0]! - a[0]!);
}

/** The two segments cross at a point inside both (not at an end, not along a shared line). */
function properlyCross([a, b]: [Position, Position], [c, d]: [Position, Position]): boolean {
  const o1 = orientation(a, b, c);
  const o2 = orientation(a, b, d);
  const o3 = orientation(c, d, a);
  const o4 = orientation(c, d, b);
  return o1 * o2 < 0 && o3 * o4 < 0;
}

/** Points that lie inside the area: the centroids of its outer rings' fan triangles that do. */
function interiorSamples(area: Area, where: Locate = locator(area)): Position[] {
  const samples: Position[] = [];
  for (const polygon of polygonsOf(area)) {
    const ring = polygon[0]!;
    const origin = ring[0]!;
    for (let i = 1; i + 2 < ring.length; i++) {
      const b = ring[i]!;
      const c = ring[i + 1]!;
      if (Math.abs(ringArea([origin, b, c, origin])) < 1e-18) continue;
      const centroid: Position = [(origin[0]! + b[0]! + c[0]!) / 3, (origin[1]! + b[1]! + c[1]!) / 3];
      if (where(centroid) === 'inside') samples.push(centroid);
      if (samples.length >= 8) return samples;
    }
  }
  return samples;
}

/**
 * Whether two areas share interior (more than a common edge or corner): an edge of one properly
 * crosses an edge of the other, a vertex of one lies strictly inside the other, or one lies
 * inside the other.
 */
export function areasOverlap(a: Area, b: Area): boolean {
  const [a0, a1, a2, a3] = bboxOf(a);
  const [b0, b1, b2, b3] = bboxOf(b);
  if (a0 >= b2 || b0 >= a2 || a1 >= b3 || b1 >= a3) return false;
  const edgesB = edgesOf(b);
  const indexB = indexEdges(edgesB);
  for (const e of edgesOf(a)) for (const f of near(indexB, e)) if (properlyCross(e, edgesB[f]!)) return true;
  const inA = locator(a);
  const inB = locator(b);
  for (const polygon of polygonsOf(a)) for (const pos of polygon[0]!) if (inB(pos) === 'inside') return true;
  for (const polygon of polygonsOf(b)) for (const pos of polygon[0]!) if (inA(pos) === 'inside') return true;
  return interiorSamples(a, inA).some((p) => inB(p) === 'inside') || interiorSamples(b, inB).some((p) => inA(p) === 'inside');
}

/**
 * Whether `inner` lies wholly in or on `outer`; if not, a point of `inner` outside it. Corners are
 * not enough when the outer area is concave or has holes: an edge between two corners inside can
 * still leave it, and a hole of the outer area can lie within the inner one.
 */
export function firstPointOutside(inner: Area, outer: Area): Position | null {
  const inOuter = locator(outer);
  const within = (pos: Position) => inOuter(pos) !== 'outside';
  const shells = polygonsOf(inner).map((polygon) => polygon[0]!);
  for (const ring of shells) for (const pos of ring) if (!within(pos)) return pos;
  const outerEdges = edgesOf(outer);
  const outerIndex = indexEdges(outerEdges);
  for (const ring of shells) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const edge: [Position, Position] = [ring[i]!, ring[i + 1]!];
      for (const nearby of near(outerIndex, edge)) {
        const boundary = outerEdges[nearby]!;
        if (!properlyCross(edge, boundary)) continue;
        const at = crossing(edge, boundary);
        for (const end of edge) {
          const between: Position = [(at[0]! + end[0]!) / 2, (at[1]! + end[1]!) / 2];
          if (!within(between)) return between;
        }
      }
      const middle: Position = [(edge[0][0]! + edge[1][0]!) / 2, (edge[0][1]! + edge[1][1]!) / 2];
      if (!within(middle)) return middle;
    }
  }
  const inInner = locator(inner);
  for (const polygon of polygonsOf(outer)) {
    for (const hole of polygon.slice(1)) for (const pos of hole) if (inInner(pos) === 'inside') return pos;
  }
  return null;
}

/** Where two properly crossing segments meet. */
function crossing([a, b]: [Position, Position], [c, d]: [Position, Position]): Position {
  const t = orientation(c, d, a) / (orientation(c, d, a) - orientation(c, d, b));
  return [a[0]! + t * (b[0]! - a[0]!), a[1]! + t * (b[1]! - a[1]!)];
}

/* ---------- edges near each other, found through an index ---------- */

type Edge = [Position, Position];

/**
 * The edges of an area in a packed R-tree of their boxes: a check of every edge against the ones
 * near it, instead of against all of them, keeps large outlines from taking seconds.
 */
function indexEdges(edges: readonly Edge[]): Flatbush {
  const index = new Flatbush(Math.max(1, edges.length));
  for (const [a, b] of edges) index.add(Math.min(a[0]!, b[0]!), Math.min(a[1]!, b[1]!), Math.max(a[0]!, b[0]!), Math.max(a[1]!, b[1]!));
  if (edges.length === 0) index.add(0, 0, 0, 0);
  index.finish();
  return index;
}

function near(index: Flatbush, [a, b]: Edge): number[] {
  return index.search(Math.min(a[0]!, b[0]!), Math.min(a[1]!, b[1]!), Math.max(a[0]!, b[0]!), Math.max(a[1]!, b[1]!));
}

/** Where two segments meet, ends included; null when they do not or run parallel. */
function segmentsMeet([a, b]: Edge, [c, d]: Edge): Position | null {
  const denominator = (d[1]! - c[1]!) * (b[0]! - a[0]!) - (d[0]! - c[0]!) * (b[1]! - a[1]!);
  if (denominator === 0) return null;
  const s = ((d[0]! - c[0]!) * (a[1]! - c[1]!) - (d[1]! - c[1]!) * (a[0]! - c[0]!)) / denominator;
  const t = ((b[0]! - a[0]!) * (a[1]! - c[1]!) - (b[1]! - a[1]!) * (a[0]! - c[0]!)) / denominator;
  if (s < 0 || s > 1 || t < 0 || t > 1) return null;
  return [a[0]! + s * (b[0]! - a[0]!), a[1]! + s * (b[1]! - a[1]!)];
}

/**
 * The first place where the area's boundary meets itself: two edges of any of its rings that
 * meet, other than neighbours along the same ring (which share a corner by construction).
 */
export function firstSelfCrossing(geometry: Area): Position | null {
  const rings = polygonsOf(geometry).flat();
  const edges: { edge: Edge; ring: number; i: number }[] = [];
  rings.forEach((ring, r) => {
    for (let i = 0; i + 1 < ring.length; i++) edges.push({ edge: [ring[i]!, ring[i + 1]!], ring: r, i });
  });
  const index = indexEdges(edges.map((e) => e.edge));
  for (let id = 0; id < edges.length; id++) {
    const e = edges[id]!;
    for (const other of near(index, e.edge)) {
      if (other <= id) continue;
      const f = edges[other]!;
      if (f.ring === e.ring) {
        const last = rings[e.ring]!.length - 2;
        if (f.i - e.i === 1 || (e.i === 0 && f.i === last)) continue;
      }
      const at = segmentsMeet(e.edge, f.edge);
      if (at) return at;
    }
  }
  return null;
}

/* ---------- where a point lies, through the same index ---------- */

export type Where = 'inside' | 'boundary' | 'outside';
export type Locate = (point: Position) => Where;

/**
 * Where points lie in an area: inside, on its boundary (an edge or corner of any ring) or outside.
 * A ray from the point eastwards is tested only against the edges whose boxes it meets, found in
 * an R-tree of the area's edges, so each point costs a search and a few edges instead of a pass
 * over every vertex. Each part of a MultiPolygon counts its own crossings (shell and holes, even
 * and odd), so a point is inside when it is inside any part.
 */
export function locator(area: Area): Locate {
  const edges: Edge[] = [];
  const part: number[] = [];
  polygonsOf(area).forEach((polygon, p) => {
    for (const ring of polygon) {
      for (let i = 0; i + 1 < ring.length; i++) {
        edges.push([ring[i]!, ring[i + 1]!]);
        part.push(p);
      }
    }
  });
  const index = indexEdges(edges);
  const [, , east] = bboxOf(area);
  const odd = new Uint8Array(polygonsOf(area).length);
  return (point) => {
    const x = point[0]!;
    const y = point[1]!;
    if (!(x <= east)) return 'outside';
    odd.fill(0);
    for (const id of index.search(x, y, east, y)) {
      const [a, b] = edges[id]!;
      const turn = orientation(a, b, point);
      if (turn === 0 && x >= Math.min(a[0]!, b[0]!) && x <= Math.max(a[0]!, b[0]!) && y >= Math.min(a[1]!, b[1]!) && y <= Math.max(a[1]!, b[1]!)) return 'boundary';
      // Half-open in latitude, so a ray through a corner counts it once.
      if (a[1]! <= y && y < b[1]! && turn > 0) odd[part[id]!]! ^= 1;
      else if (b[1]! <= y && y < a[1]! && turn < 0) odd[part[id]!]! ^= 1;
    }
    return odd.includes(1) ? 'inside' : 'outside';
  };
}
