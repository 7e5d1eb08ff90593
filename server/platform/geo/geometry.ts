import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import kinks from '@turf/kinks';
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** Polygons of regions (grids, micro-grids, outlines): validation and bounding boxes. Pure. */
export type Area = Polygon | MultiPolygon;
export type BBox = [minLng: number, minLat: number, maxLng: number, maxLat: number];

export type GeometryCheck = { ok: true; geometry: Area } | { ok: false; reason: string };

const MAX_VERTICES = 20_000;

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
  const crossings = kinks(geometry).features;
  if (crossings.length > 0) {
    const at = crossings[0]!.geometry.coordinates;
    return { ok: false, reason: `边界自相交，位置约 [${at.map((n) => n.toFixed(6)).join(', ')}] the boundary intersects itself` };
  }
  for (const polygon of polygonsOf(geometry)) {
    if (polygon.some((ring) => Math.abs(ringArea(ring)) < 1e-14)) return { ok: false, reason: '环的面积为零 a ring has no area' };
    const shell: Polygon = { type: 'Polygon', coordinates: [polygon[0]!] };
    for (const hole of polygon.slice(1)) {
      if (!hole.every((pos) => booleanPointInPolygon(pos, shell))) return { ok: false, reason: '内环不在外环之内 a hole lies outside its shell' };
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

/** Every vertex of `inner` lies in or on `outer`; returns the first vertex outside, if any. */
export function firstVertexOutside(inner: Area, outer: Area): Position | null {
  for (const polygon of polygonsOf(inner)) {
    for (const pos of polygon[0]!) {
      if (!booleanPointInPolygon(pos, outer)) return pos;
    }
  }
  return null;
}
