/**
 * Where a reported point belongs, in memory per process. The micro-grid polygons (and the
 * district outlines, for the service area) sit in a flatbush + exact point-in-polygon index; the
 * village and town seats in plain lists.
 *
 * Freshness: the regions service gives a version stamp of the drawn areas (latest edit time and
 * count of grids and micro-grids, bulk imports included). It is read at most every
 * `STAMP_CHECK_MS` (one indexed query), and the
 * index is rebuilt when the stamp moved — so each of several app instances on one database picks
 * up an edited micro-grid within a couple of seconds, with no messaging between them. Reports do
 * not wait for that check: they keep using the index in hand while it runs in the background (up
 * to `STALE_LIMIT_MS` after the last check), so the intake path costs no query at all. `invalidateRouting` forces a rebuild in-process.
 */
import { performance } from 'node:perf_hooks';
import { systemActor } from '../../platform/auth/actor.ts';
import { buildPolygonIndex, nearest, type PolygonFeature, type PolygonIndex } from '../../platform/geo/spatial-index.ts';
import type { AppContext } from '../../platform/module.ts';
import { drawnAreas, drawnAreasVersion, getRegion, listRegions, regionsByCode } from '../regions/service.ts';
import { decideRoute, type RegionHit, type RouteDecision } from './domain.ts';

export const STAMP_CHECK_MS = 2_000;

interface Seat extends RegionHit {
  lng: number;
  lat: number;
}

interface RoutingIndex {
  stamp: string;
  microGrids: PolygonIndex;
  microGridInfo: Map<string, RegionHit>;
  districts: PolygonIndex;
  districtInfo: Map<string, RegionHit>;
  villages: Seat[];
  towns: Seat[];
}

interface RoutingState {
  index: RoutingIndex | null;
  checkedAt: number;
  pending: Promise<RoutingIndex> | null;
  /** Bumped by `invalidateRouting`: a check that started before it must not install its index. */
  generation: number;
}

const states = new WeakMap<AppContext, RoutingState>();

function stateOf(ctx: AppContext): RoutingState {
  let state = states.get(ctx);
  if (!state) states.set(ctx, (state = { index: null, checkedAt: -Infinity, pending: null, generation: 0 }));
  return state;
}

function regionStamp(ctx: AppContext): Promise<string> {
  return drawnAreasVersion(ctx);
}

async function allOfLevel(ctx: AppContext, level: string) {
  const items = [];
  let cursor: string | undefined;
  do {
    const page = await listRegions(ctx, systemActor, { level, limit: 500, cursor });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

async function build(ctx: AppContext, stamp: string): Promise<RoutingIndex> {
  const districts = await allOfLevel(ctx, 'district');
  const outlines: PolygonFeature[] = [];
  const districtInfo = new Map<string, RegionHit>();
  const microGridFeatures: PolygonFeature[] = [];
  for (const d of districts) {
    if (!d.hasGeometry) continue;
    const detail = await getRegion(ctx, systemActor, d.code);
    outlines.push({ id: d.code, geometry: detail.geometry as PolygonFeature['geometry'] });
    districtInfo.set(d.code, { code: d.code, name: d.name, path: d.path });
  }
  // Micro-grids hang below districts; the provinces (or, in a district-only tree, the districts) cover them all.
  const provinces = await allOfLevel(ctx, 'province');
  for (const root of provinces.length > 0 ? provinces : districts) {
    const drawn = await drawnAreas(ctx, systemActor, root.code, ['micro_grid']);
    for (const f of drawn.features) microGridFeatures.push({ id: f.properties.code, geometry: f.geometry as PolygonFeature['geometry'] });
  }
  const microGridInfo = new Map<string, RegionHit>();
  for (const r of await regionsByCode(ctx, microGridFeatures.map((f) => f.id))) {
    microGridInfo.set(r.code, { code: r.code, name: r.name, path: r.path });
  }
  const seats = (items: Awaited<ReturnType<typeof allOfLevel>>): Seat[] =>
    items.filter((r) => r.seat !== null && r.validTo === null).map((r) => ({ code: r.code, name: r.name, path: r.path, lng: r.seat![0], lat: r.seat![1] }));
  return {
    stamp,
    microGrids: buildPolygonIndex(microGridFeatures.filter((f) => microGridInfo.has(f.id))),
    microGridInfo,
    districts: buildPolygonIndex(outlines),
    districtInfo,
    villages: seats(await allOfLevel(ctx, 'village')),
    towns: seats(await allOfLevel(ctx, 'town')),
  };
}

/**
 * How long an index may keep answering while its stamp is re-read in the background. Under steady
 * traffic a report never waits for the stamp query; after a quiet spell longer than this, the
 * first report waits for the check, so an idle instance does not route by old polygons.
 */
export const STALE_LIMIT_MS = 30_000;

/** The current index: rebuilt when the regions changed, checked at most every `STAMP_CHECK_MS`. */
export async function routingIndex(ctx: AppContext): Promise<RoutingIndex> {
  const state = stateOf(ctx);
  const age = performance.now() - state.checkedAt;
  if (state.index && age < STAMP_CHECK_MS) return state.index;
  const refreshing = (state.pending ??= refresh(ctx, state));
  if (state.index && age < STALE_LIMIT_MS) {
    refreshing.catch(() => undefined); // the next report tries again
    return state.index;
  }
  return refreshing;
}

function refresh(ctx: AppContext, state: RoutingState): Promise<RoutingIndex> {
  const generation = state.generation;
  const pending = (async () => {
    const stamp = await regionStamp(ctx);
    const index = state.index && state.index.stamp === stamp ? state.index : await build(ctx, stamp);
    // An invalidation while this ran (an edit in this process) wins: its caller rebuilds.
    if (state.generation === generation) {
      state.index = index;
      state.checkedAt = performance.now();
    }
    return index;
  })().finally(() => {
    if (state.pending === pending) state.pending = null;
  });
  return pending;
}

/** Forget the index of this process, so that the next report rebuilds it. */
export function invalidateRouting(ctx: AppContext): void {
  const state = stateOf(ctx);
  state.generation++;
  state.index = null;
  state.pending = null;
  state.checkedAt = -Infinity;
}

/** Route a point: the micro-grid containing it, else a village or town by nearest seat, else null (outside). */
export function routeWith(index: RoutingIndex, lng: number, lat: number): RouteDecision | null {
  const microGrid = index.microGrids.locate(lng, lat);
  const district = index.districts.locate(lng, lat);
  const village = nearest(lng, lat, index.villages);
  const town = nearest(lng, lat, district ? index.towns.filter((t) => t.path.startsWith(index.districtInfo.get(district)!.path)) : index.towns);
  return decideRoute({
    microGrid: microGrid ? (index.microGridInfo.get(microGrid) ?? null) : null,
    nearestVillage: village ? { ...hit(village.point), distanceMeters: village.distanceMeters } : null,
    nearestTown: town ? { ...hit(town.point), distanceMeters: town.distanceMeters } : null,
    district: district ? (index.districtInfo.get(district) ?? null) : null,
    outlinesKnown: index.districts.size > 0,
  });
}

function hit(seat: Seat): RegionHit {
  return { code: seat.code, name: seat.name, path: seat.path };
}

export async function routePoint(ctx: AppContext, lng: number, lat: number): Promise<RouteDecision | null> {
  return routeWith(await routingIndex(ctx), lng, lat);
}
