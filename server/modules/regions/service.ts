import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inScope, isAncestorOfScope } from '../../platform/access/policy.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { areasOverlap, bboxOf, firstPointOutside, validateArea, type Area } from '../../platform/geo/geometry.ts';
import { conflict, invalidGeometry, notFound, unprocessable, versionConflict } from '../../platform/http/errors.ts';
import type { AppContext, RegionLookup, RegionRef } from '../../platform/module.ts';
import { codesInPath, isChildCode, mergeDivisions, nextChildCode, parentLevelOf, parseDivisionsCsv, pathOf, type EditableLevel, type Level } from './domain.ts';
import * as repo from './repository.ts';
import type { RegionDetail, RegionSummary } from './schema.ts';

export const DATA_DIR = join(import.meta.dirname, '../../../data/regions');

function toSummary(row: repo.RegionSummaryRow | repo.RegionRow, childCount?: number): RegionSummary {
  const hasGeometry = 'has_geometry' in row ? row.has_geometry === 1 : row.geometry !== null;
  return {
    code: row.code,
    parentCode: row.parent_code,
    level: row.level as Level,
    kind: row.kind,
    name: row.name,
    shortName: row.short_name,
    path: row.path,
    hasGeometry,
    bbox: row.min_lng === null ? null : [row.min_lng, row.min_lat!, row.max_lng!, row.max_lat!],
    seat: row.seat_lng === null ? null : [row.seat_lng, row.seat_lat!],
    validFrom: row.valid_from,
    validTo: row.valid_to,
    ...(childCount === undefined ? {} : { childCount }),
    version: row.version,
  };
}

function visible(actor: Actor, path: string): boolean {
  return inScope(actor.scopePaths, path) || isAncestorOfScope(actor.scopePaths, path);
}

/** The region, if the actor may see it; otherwise "not found", never "forbidden". */
async function loadVisible(ctx: AppContext, actor: Actor, code: string): Promise<repo.RegionRow> {
  const row = await repo.findByCode(ctx.db, code);
  if (!row || !visible(actor, row.path)) throw notFound('region');
  return row;
}

export async function getRegion(ctx: AppContext, actor: Actor, code: string): Promise<RegionDetail> {
  const row = await loadVisible(ctx, actor, code);
  const ancestorCodes = codesInPath(row.path).slice(0, -1);
  const [ancestors, counts, children] = await Promise.all([
    repo.findManyByCode(ctx.db, ancestorCodes),
    repo.descendantCounts(ctx.db, row.path),
    repo.childCounts(ctx.db, [row.code]),
  ]);
  ancestors.sort((a, b) => a.depth - b.depth);
  return {
    ...toSummary(row, children.get(row.code) ?? 0),
    geometry: row.geometry ? (JSON.parse(row.geometry) as unknown) : null,
    ancestors: ancestors.map((a) => toSummary(a)),
    descendants: Object.fromEntries(counts.map((c) => [c.level, c.count])),
  };
}

export interface ListInput {
  parent?: string;
  q?: string;
  level?: string;
  within?: string;
  includeRetired?: 'true' | 'false';
  cursor?: string;
  limit: number;
}

export async function listRegions(ctx: AppContext, actor: Actor, input: ListInput) {
  let withinPath: string | undefined;
  if (input.within) withinPath = (await loadVisible(ctx, actor, input.within)).path;
  if (input.parent) await loadVisible(ctx, actor, input.parent);
  const rows = await repo.list(ctx.db, ctx.dialect, {
    parent: input.parent,
    q: input.q,
    level: input.level,
    within: withinPath,
    includeRetired: input.includeRetired === 'true',
    scope: actor.scopePaths,
    after: input.cursor,
    limit: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  const counts = await repo.childCounts(ctx.db, page.map((r) => r.code));
  return {
    items: page.map((r) => toSummary(r, counts.get(r.code) ?? 0)),
    nextCursor: rows.length > input.limit ? page[page.length - 1]!.code : null,
  };
}

/* ---------- grids and micro-grids ---------- */

interface CheckedArea {
  geometry: Area | null;
  warnings: string[];
}

/** Validate a drawn polygon against its parent (inside it) and its siblings (overlaps are reported, not refused). */
async function checkArea(ctx: AppContext, raw: unknown, parent: repo.RegionRow, selfCode: string | null): Promise<CheckedArea> {
  if (raw === undefined || raw === null) return { geometry: null, warnings: [] };
  const check = validateArea(raw);
  if (!check.ok) throw invalidGeometry(check.reason);
  if (parent.geometry) {
    const outside = firstPointOutside(check.geometry, JSON.parse(parent.geometry) as Area);
    if (outside) throw invalidGeometry(`超出上级区域「${parent.name}」的范围，位置 [${outside.join(', ')}] lies outside its parent`);
  }
  const warnings: string[] = [];
  for (const sibling of await repo.siblingGeometries(ctx.db, parent.code, selfCode)) {
    if (areasOverlap(check.geometry, JSON.parse(sibling.geometry) as Area)) warnings.push(`与「${sibling.name}」(${sibling.code}) 重叠 overlaps ${sibling.code}`);
  }
  return { geometry: check.geometry, warnings };
}

function geometryColumns(geometry: Area | null) {
  if (!geometry) return { geometry: null, min_lng: null, min_lat: null, max_lng: null, max_lat: null };
  const [minLng, minLat, maxLng, maxLat] = bboxOf(geometry);
  return { geometry: JSON.stringify(geometry), min_lng: minLng, min_lat: minLat, max_lng: maxLng, max_lat: maxLat };
}

export interface CreateAreaInput {
  parentCode: string;
  level: EditableLevel;
  name: string;
  code?: string;
  geometry?: unknown;
  seat?: [number, number];
}

/** Writable only inside the actor's scope; a parent outside it answers "not found". */
async function loadWritableParent(ctx: AppContext, actor: Actor, code: string): Promise<repo.RegionRow> {
  const parent = await repo.findByCode(ctx.db, code);
  if (!parent || !inScope(actor.scopePaths, parent.path)) throw notFound('region');
  return parent;
}

export async function createArea(ctx: AppContext, actor: Actor, input: CreateAreaInput, db = ctx.db): Promise<RegionDetail> {
  // Reads go through the caller's transaction too: it may hold the parent, created moments ago.
  const scoped = db === ctx.db ? ctx : { ...ctx, db };
  const parent = await loadWritableParent(scoped, actor, input.parentCode);
  if (parent.level !== parentLevelOf(input.level)) {
    throw unprocessable(`${input.level === 'grid' ? '网格只能建在村社区下' : '微网格只能建在网格下'} A ${input.level} belongs under a ${parentLevelOf(input.level)}`);
  }
  if (parent.valid_to) throw unprocessable('上级区域已撤销 The parent region is retired');
  const existing = await repo.childCodes(db, parent.code);
  const code = input.code ?? nextChildCode(parent.code, existing);
  if (!code) throw unprocessable('该区域下的编号已用完 No free codes left under this region');
  if (!isChildCode(parent.code, code)) throw unprocessable(`编号应为上级编号 ${parent.code} 加两位数字 The code must be the parent's code plus two digits`);
  if (existing.includes(code)) throw conflict(`编号 ${code} 已存在 Code ${code} exists`);
  const checked = await checkArea(scoped, input.geometry, parent, null);
  const now = ctx.clock.now().toISOString();
  const row: repo.RegionRow = {
    code,
    parent_code: parent.code,
    level: input.level,
    kind: input.level,
    name: input.name,
    short_name: input.name,
    path: pathOf(parent.path, code),
    depth: parent.depth + 1,
    ...geometryColumns(checked.geometry),
    seat_lng: input.seat?.[0] ?? null,
    seat_lat: input.seat?.[1] ?? null,
    valid_from: now.slice(0, 10),
    valid_to: null,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  const write = async (trx: typeof db) => {
    await repo.insert(trx, row);
    await recordAudit(trx, ctx, actor, { action: 'region.create', entity: 'region', entityId: code, regionCode: code, after: { ...row, geometry: checked.geometry ? 'set' : null } });
  };
  if (db === ctx.db) await ctx.db.transaction().execute(write);
  else await write(db);
  return { ...toSummary(row, 0), geometry: checked.geometry, ancestors: [], descendants: {}, warnings: checked.warnings };
}

export interface UpdateAreaInput {
  version: number;
  name?: string;
  geometry?: unknown;
  seat?: [number, number] | null;
}

async function loadWritableArea(ctx: AppContext, actor: Actor, code: string): Promise<repo.RegionRow> {
  const row = await repo.findByCode(ctx.db, code);
  if (!row || !inScope(actor.scopePaths, row.path)) throw notFound('region');
  if (row.level !== 'grid' && row.level !== 'micro_grid') throw unprocessable('只有网格和微网格可以在此编辑 Only grids and micro-grids are edited here');
  return row;
}

export async function updateArea(ctx: AppContext, actor: Actor, code: string, input: UpdateAreaInput, db = ctx.db): Promise<RegionDetail> {
  const scoped = db === ctx.db ? ctx : { ...ctx, db };
  const row = await loadWritableArea(scoped, actor, code);
  const parent = (await repo.findByCode(db, row.parent_code!))!;
  const changes: Partial<repo.RegionRow> = { updated_at: ctx.clock.now().toISOString() };
  let warnings: string[] = [];
  if (input.name !== undefined) Object.assign(changes, { name: input.name, short_name: input.name });
  if (input.geometry !== undefined) {
    const checked = await checkArea(scoped, input.geometry, parent, code);
    warnings = checked.warnings;
    Object.assign(changes, geometryColumns(checked.geometry));
  }
  if (input.seat !== undefined) Object.assign(changes, { seat_lng: input.seat?.[0] ?? null, seat_lat: input.seat?.[1] ?? null });
  const write = async (trx: typeof db) => {
    if (!(await repo.update(trx, code, input.version, changes))) throw versionConflict(toSummary(row));
    await recordAudit(trx, ctx, actor, {
      action: 'region.update',
      entity: 'region',
      entityId: code,
      regionCode: code,
      before: { name: row.name, geometry: row.geometry !== null },
      after: { name: changes.name ?? row.name, geometry: input.geometry === undefined ? row.geometry !== null : changes.geometry !== null },
    });
  };
  if (db === ctx.db) await ctx.db.transaction().execute(write);
  else await write(db);
  return { ...(await getRegion(scoped, actor, code)), warnings };
}

export async function setRetired(ctx: AppContext, actor: Actor, code: string, input: { version: number; validTo?: string }, retire: boolean) {
  const row = await loadWritableArea(ctx, actor, code);
  if (retire && row.valid_to) throw conflict('该区域已撤销 Already retired');
  if (!retire && !row.valid_to) throw conflict('该区域未撤销 Not retired');
  const validTo = retire ? (input.validTo ?? ctx.clock.now().toISOString().slice(0, 10)) : null;
  await ctx.db.transaction().execute(async (trx) => {
    if (retire) {
      const activeChildren = (await repo.childCounts(trx, [code])).get(code) ?? 0;
      if (activeChildren > 0) throw unprocessable(`请先撤销其下的 ${activeChildren} 个微网格 Retire its ${activeChildren} micro-grids first`);
    }
    if (!(await repo.update(trx, code, input.version, { valid_to: validTo, updated_at: ctx.clock.now().toISOString() }))) {
      throw versionConflict(toSummary(row));
    }
    await recordAudit(trx, ctx, actor, {
      action: retire ? 'region.retire' : 'region.restore',
      entity: 'region',
      entityId: code,
      regionCode: code,
      before: { validTo: row.valid_to },
      after: { validTo },
    });
  });
  return getRegion(ctx, actor, code);
}

/** Grids and micro-grids with their polygons below a region, as a GeoJSON FeatureCollection. */
export async function drawnAreas(ctx: AppContext, actor: Actor, within: string, levels: readonly string[]) {
  const root = await loadVisible(ctx, actor, within);
  const rows = await repo.listDrawn(ctx.db, root.path, levels);
  return {
    type: 'FeatureCollection' as const,
    features: rows
      .filter((r) => r.geometry && inScope(actor.scopePaths, r.path))
      .map((r) => ({
        type: 'Feature' as const,
        id: r.code,
        properties: { code: r.code, name: r.name, level: r.level, parentCode: r.parent_code },
        geometry: JSON.parse(r.geometry!) as unknown,
      })),
  };
}

/* ---------- the public base map ---------- */

/** Regions whose outlines and seats the public base map shows: the administrative ones, not grids. */
const BASEMAP_LEVELS = ['province', 'city', 'district', 'town', 'village'] as const;
/** Named places at most: a district's towns and villages, not a province's every village. */
export const BASEMAP_MAX_SEATS = 2_000;

const basemaps = new WeakMap<AppContext, { stamp: string; body: string }>();

/**
 * What a map shows before any tiles load, or instead of them when the deployment has none: the
 * administrative outlines (the district's boundary) and the seats of towns (and villages, where known) by name,
 * as one GeoJSON FeatureCollection (serialised once, until a region changes). Nothing here is
 * personal or scoped: the page that reports a problem shows it to anyone.
 */
export async function basemap(ctx: AppContext): Promise<string> {
  const stamp = await regionsVersion(ctx, BASEMAP_LEVELS);
  const cached = basemaps.get(ctx);
  if (cached?.stamp === stamp) return cached.body;
  const [outlines, seats] = await Promise.all([repo.adminOutlines(ctx.db, BASEMAP_LEVELS), repo.adminSeats(ctx.db, BASEMAP_LEVELS, BASEMAP_MAX_SEATS)]);
  const body = JSON.stringify({
    type: 'FeatureCollection',
    features: [
      ...outlines.map((r) => ({ type: 'Feature', id: r.code, properties: { code: r.code, name: r.name, level: r.level, kind: 'outline' }, geometry: JSON.parse(r.geometry!) as unknown })),
      ...seats.map((r) => ({
        type: 'Feature',
        id: `${r.code}.seat`,
        properties: { code: r.code, name: r.name, level: r.level, kind: 'seat' },
        geometry: { type: 'Point', coordinates: [r.seat_lng, r.seat_lat] },
      })),
    ],
  });
  basemaps.set(ctx, { stamp, body });
  return body;
}

/** At most this many grids and micro-grids in one look at the base map (a street or two is a few dozen). */
export const BASEMAP_MAX_AREAS = 400;

/**
 * The grids and micro-grids in a box, for the base map at street level: outlines and names, so a
 * resident placing a pin sees which grid the place is in. Public like the rest of the base map.
 */
export async function basemapAreas(ctx: AppContext, box: { west: number; south: number; east: number; north: number }) {
  const rows = await repo.drawnInBox(ctx.db, box, BASEMAP_MAX_AREAS + 1);
  return {
    type: 'FeatureCollection' as const,
    truncated: rows.length > BASEMAP_MAX_AREAS,
    features: rows.slice(0, BASEMAP_MAX_AREAS).map((r) => ({
      type: 'Feature' as const,
      id: r.code,
      properties: { code: r.code, name: r.name, level: r.level },
      geometry: JSON.parse(r.geometry!) as unknown,
    })),
  };
}

/* ---------- for the platform and other modules ---------- */

export function regionLookup(ctx: Pick<AppContext, 'db'>): RegionLookup {
  return {
    async get(code: string): Promise<RegionRef | null> {
      const row = await repo.findByCode(ctx.db, code);
      return row ? { code: row.code, name: row.name, level: row.level, path: row.path } : null;
    },
  };
}

/**
 * A stamp that changes whenever a grid or micro-grid is added, edited, retired or restored, so an
 * in-memory index (case routing) can tell when to rebuild. One indexed aggregate query.
 */
export async function drawnAreasVersion(ctx: Pick<AppContext, 'db'>): Promise<string> {
  return regionsVersion(ctx, ['grid', 'micro_grid']);
}

/** A stamp that changes whenever a region of these levels is added, edited, retired or restored. One indexed aggregate query. */
async function regionsVersion(ctx: Pick<AppContext, 'db'>, levels: readonly string[]): Promise<string> {
  const { latest, count } = await repo.regionsStamp(ctx.db, levels);
  return `${latest ?? '-'}#${count}`;
}

export async function countInSubtree(ctx: AppContext, path: string, level: Level): Promise<number> {
  return repo.countByLevel(ctx.db, path, level);
}

export async function listInSubtree(ctx: AppContext, path: string, level: Level, limit: number, offset: number) {
  return (await repo.listByLevel(ctx.db, path, level, limit, offset)).map((r) => toSummary(r));
}

/** Load the shipped divisions (Sichuan's prefectures and counties, Qingbaijiang's towns and villages). */
export async function loadReferenceRegions(ctx: AppContext): Promise<number> {
  const province = parseDivisionsCsv(readFileSync(join(DATA_DIR, 'sichuan-divisions.csv'), 'utf8'));
  const district = parseDivisionsCsv(readFileSync(join(DATA_DIR, 'qingbaijiang-divisions.csv'), 'utf8'));
  const outline = JSON.parse(readFileSync(join(DATA_DIR, 'qingbaijiang-district.geojson'), 'utf8')) as {
    features: { properties: { adcode: number; center?: [number, number] }; geometry: Area }[];
  };
  const seats = JSON.parse(readFileSync(join(DATA_DIR, 'qingbaijiang-town-points.geojson'), 'utf8')) as {
    features: { properties: { code: string }; geometry: { coordinates: [number, number] } }[];
  };
  const shapes = new Map(outline.features.map((f) => [`${f.properties.adcode}000000`, f]));
  const seatOf = new Map(seats.features.map((f) => [f.properties.code, f.geometry.coordinates]));
  const now = ctx.clock.now().toISOString();
  const paths = new Map<string, { path: string; depth: number }>();
  const rows: repo.RegionRow[] = [];
  for (const d of mergeDivisions(province, district)) {
    const parent = d.parentCode ? paths.get(d.parentCode) : undefined;
    const path = pathOf(parent?.path ?? null, d.code);
    const depth = parent ? parent.depth + 1 : 0;
    paths.set(d.code, { path, depth });
    const shape = shapes.get(d.code);
    const seat = seatOf.get(d.code) ?? shape?.properties.center ?? null;
    rows.push({
      code: d.code,
      parent_code: parent ? d.parentCode : null,
      level: d.level,
      kind: d.kind,
      name: d.name,
      short_name: d.shortName,
      path,
      depth,
      ...geometryColumns(shape?.geometry ?? null),
      seat_lng: seat?.[0] ?? null,
      seat_lat: seat?.[1] ?? null,
      valid_from: null,
      valid_to: null,
      created_at: now,
      updated_at: now,
      version: 1,
    });
  }
  return ctx.db.transaction().execute((trx) => repo.insertMissing(trx, rows));
}

/* ---------- many at once: for other modules' imports and the demo ---------- */

/** Summaries (no geometry) of the given regions, in any order; unknown codes are left out. */
export async function regionsByCode(ctx: AppContext, codes: readonly string[], db = ctx.db): Promise<RegionSummary[]> {
  const rows: RegionSummary[] = [];
  const unique = [...new Set(codes)];
  for (let i = 0; i < unique.length; i += 500) rows.push(...(await repo.findManyByCode(db, unique.slice(i, i + 500))).map((r) => toSummary(r)));
  return rows;
}

/**
 * The path of the region another module's list is narrowed to (undefined without a code); an
 * unknown code is "not found". No scope check: the list's own visibility rule keeps it in scope.
 */
export async function withinPathOf(ctx: AppContext, code: string | undefined): Promise<string | undefined> {
  if (!code) return undefined;
  const region = (await regionsByCode(ctx, [code]))[0];
  if (!region) throw notFound('region');
  return region.path;
}

export interface BulkAreaProblem {
  /** Index of the input in the batch. */
  index: number;
  message: string;
}

export type BulkAreaResult = { ok: true; created: (RegionSummary & { index: number })[] } | { ok: false; problems: BulkAreaProblem[] };

/**
 * Validate a batch of new grids and micro-grids as a whole and insert them all, or none. The same
 * checks as `createArea` (parent level and scope, code, polygon closed and simple and inside its
 * parent); a parent may be created earlier in the same batch, given by its code. Grids are placed
 * before micro-grids whatever the input order. One audit entry records the batch.
 */
export async function createAreasBulk(ctx: AppContext, actor: Actor, inputs: readonly CreateAreaInput[], db = ctx.db): Promise<BulkAreaResult> {
  const batchCodes = new Set(inputs.map((i) => i.code).filter((c): c is string => c !== undefined));
  const storedParents = new Map((await repo.findFullByCodes(db, [...new Set(inputs.map((i) => i.parentCode).filter((c) => !batchCodes.has(c)))])).map((r) => [r.code, r]));
  const taken = new Map<string, Set<string>>();
  for (const { parent_code, code } of await repo.childCodesOf(db, [...storedParents.keys()])) {
    const set = taken.get(parent_code) ?? new Set<string>();
    set.add(code);
    taken.set(parent_code, set);
  }
  const problems: BulkAreaProblem[] = [];
  const planned = new Map<string, repo.RegionRow>();
  const indexOf = new Map<string, number>();
  const failed = new Set<string>();
  const now = ctx.clock.now().toISOString();
  const order = inputs.map((input, index) => ({ input, index })).sort((a, b) => (a.input.level === b.input.level ? a.index - b.index : a.input.level === 'grid' ? -1 : 1));
  for (const { input, index } of order) {
    const problem = (message: string) => {
      problems.push({ index, message });
      if (input.code) failed.add(input.code);
    };
    if (failed.has(input.parentCode)) {
      problem(`上级区域 ${input.parentCode} 本身有错误 The parent in this batch has errors`);
      continue;
    }
    const parent = planned.get(input.parentCode) ?? storedParents.get(input.parentCode);
    if (!parent || !inScope(actor.scopePaths, parent.path)) {
      problem(`上级区域 ${input.parentCode} 不存在或不在管辖范围内 Parent ${input.parentCode} is unknown or outside your scope`);
      continue;
    }
    if (parent.level !== parentLevelOf(input.level)) {
      problem(`${input.level === 'grid' ? '网格只能建在村社区下' : '微网格只能建在网格下'} A ${input.level} belongs under a ${parentLevelOf(input.level)}`);
      continue;
    }
    if (parent.valid_to) {
      problem('上级区域已撤销 The parent region is retired');
      continue;
    }
    const used = taken.get(parent.code) ?? new Set<string>();
    taken.set(parent.code, used);
    // A feature without a code takes the next one free of those stored and those the batch names.
    const code = input.code ?? nextChildCode(parent.code, [...used, ...batchCodes]);
    if (!code) {
      problem('该区域下的编号已用完 No free codes left under this region');
      continue;
    }
    if (!isChildCode(parent.code, code)) {
      problem(`编号应为上级编号 ${parent.code} 加两位数字 The code must be the parent's code plus two digits`);
      continue;
    }
    if (used.has(code)) {
      problem(`编号 ${code} 已存在 Code ${code} exists`);
      continue;
    }
    used.add(code);
    let geometry: Area | null = null;
    if (input.geometry !== undefined && input.geometry !== null) {
      const check = validateArea(input.geometry);
      if (!check.ok) {
        problem(`几何图形无效：${check.reason}`);
        continue;
      }
      if (parent.geometry) {
        const outside = firstPointOutside(check.geometry, JSON.parse(parent.geometry) as Area);
        if (outside) {
          problem(`超出上级区域「${parent.name}」的范围，位置 [${outside.join(', ')}] lies outside its parent`);
          continue;
        }
      }
      geometry = check.geometry;
    }
    indexOf.set(code, index);
    planned.set(code, {
      code,
      parent_code: parent.code,
      level: input.level,
      kind: input.level,
      name: input.name,
      short_name: input.name,
      path: pathOf(parent.path, code),
      depth: parent.depth + 1,
      ...geometryColumns(geometry),
      seat_lng: input.seat?.[0] ?? null,
      seat_lat: input.seat?.[1] ?? null,
      valid_from: now.slice(0, 10),
      valid_to: null,
      created_at: now,
      updated_at: now,
      version: 1,
    });
  }
  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => a.index - b.index) };
  const rows = [...planned.values()];
  const write = async (trx: typeof db) => {
    await repo.insertMany(trx, rows);
    await recordAudit(trx, ctx, actor, { action: 'region.import', entity: 'region', entityId: rows[0]?.code ?? '', after: { count: rows.length, codes: rows.map((r) => r.code) } });
  };
  if (rows.length > 0) {
    if (db === ctx.db) await ctx.db.transaction().execute(write);
    else await write(db);
  }
  const created = rows.map((r) => ({ ...toSummary(r, 0), index: indexOf.get(r.code)! }));
  return { ok: true, created: created.sort((a, b) => a.index - b.index) };
}
