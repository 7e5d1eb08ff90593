import { sql, type ExpressionBuilder, type Selectable } from 'kysely';
import type { Database } from '../../platform/db/types.ts';
import { containsText, type Db, type DialectName } from '../../platform/db/index.ts';

export interface RegionsTable {
  code: string;
  parent_code: string | null;
  level: string;
  kind: string;
  name: string;
  short_name: string;
  path: string;
  depth: number;
  geometry: string | null;
  min_lng: number | null;
  min_lat: number | null;
  max_lng: number | null;
  max_lat: number | null;
  seat_lng: number | null;
  seat_lat: number | null;
  valid_from: string | null;
  valid_to: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

declare module '../../platform/db/types.ts' {
  interface Database {
    regions: RegionsTable;
  }
}

export type RegionRow = Selectable<RegionsTable>;

/** Region columns without the (possibly large) geometry. */
const SUMMARY = [
  'code',
  'parent_code',
  'level',
  'kind',
  'name',
  'short_name',
  'path',
  'depth',
  'min_lng',
  'min_lat',
  'max_lng',
  'max_lat',
  'seat_lng',
  'seat_lat',
  'valid_from',
  'valid_to',
  'created_at',
  'updated_at',
  'version',
] as const;
export type RegionSummaryRow = Pick<RegionRow, (typeof SUMMARY)[number]> & { has_geometry: number };

const hasGeometry = sql<number>`case when geometry is null then 0 else 1 end`.as('has_geometry');

/** Visibility: inside a scope root's subtree, or above one (for orientation). */
function visibleTo(paths: readonly string[] | null) {
  return (eb: ExpressionBuilder<Database, 'regions'>) => {
    if (paths === null) return eb.lit(true);
    if (paths.length === 0) return eb.lit(false);
    return eb.or(paths.flatMap((p) => [eb('path', 'like', `${p}%`), eb(eb.val(p), 'like', sql<string>`path || '%'`)]));
  };
}

export async function findByCode(db: Db, code: string): Promise<RegionRow | undefined> {
  return db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function findManyByCode(db: Db, codes: readonly string[]): Promise<RegionSummaryRow[]> {
  if (codes.length === 0) return [];
  return db.selectFrom('regions').select([...SUMMARY, hasGeometry]).where('code', 'in', codes).execute();
}

export interface ListFilter {
  parent?: string;
  q?: string;
  level?: string;
  within?: string;
  includeRetired: boolean;
  scope: readonly string[] | null;
  after?: string;
  limit: number;
}

export async function list(db: Db, dialect: DialectName, f: ListFilter): Promise<RegionSummaryRow[]> {
  let query = db.selectFrom('regions').select([...SUMMARY, hasGeometry]).where(visibleTo(f.scope));
  if (f.parent) query = query.where('parent_code', '=', f.parent);
  if (f.level) query = query.where('level', '=', f.level);
  if (f.within) query = query.where('path', 'like', `${f.within}%`);
  if (f.q) query = query.where((eb) => eb.or([containsText(dialect, 'name', f.q!), eb('code', 'like', `${f.q}%`)]));
  if (!f.includeRetired) query = query.where('valid_to', 'is', null);
  if (f.after) query = query.where('code', '>', f.after);
  return query.orderBy('code').limit(f.limit).execute();
}

/** How many valid regions of each level lie below `path`. */
export async function descendantCounts(db: Db, path: string): Promise<{ level: string; count: number }[]> {
  const rows = await db
    .selectFrom('regions')
    .select(['level', (eb) => eb.fn.countAll<number>().as('count')])
    .where('path', 'like', `${path}%`)
    .where('path', '!=', path)
    .where('valid_to', 'is', null)
    .groupBy('level')
    .execute();
  return rows.map((r) => ({ level: r.level, count: Number(r.count) }));
}

export async function childCounts(db: Db, codes: readonly string[]): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('regions')
    .select(['parent_code', (eb) => eb.fn.countAll<number>().as('count')])
    .where('parent_code', 'in', codes)
    .where('valid_to', 'is', null)
    .groupBy('parent_code')
    .execute();
  return new Map(rows.map((r) => [r.parent_code!, Number(r.count)]));
}

export async function childCodes(db: Db, parentCode: string): Promise<string[]> {
  const rows = await db.selectFrom('regions').select('code').where('parent_code', '=', parentCode).execute();
  return rows.map((r) => r.code);
}

export async function insert(db: Db, row: RegionRow): Promise<void> {
  await db.insertInto('regions').values(row).execute();
}

/** Insert reference rows that are not there yet; existing rows are left as they are. */
export async function insertMissing(db: Db, rows: readonly RegionRow[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200);
    const result = await db
      .insertInto('regions')
      .values([...chunk])
      .onConflict((oc) => oc.column('code').doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

export async function update(db: Db, code: string, expectedVersion: number, changes: Partial<RegionRow>): Promise<boolean> {
  const result = await db
    .updateTable('regions')
    .set({ ...changes, version: expectedVersion + 1 })
    .where('code', '=', code)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Geometry of the valid siblings of a region that have one. */
export async function siblingGeometries(db: Db, parentCode: string, except: string | null): Promise<{ code: string; name: string; geometry: string }[]> {
  let query = db
    .selectFrom('regions')
    .select(['code', 'name', 'geometry'])
    .where('parent_code', '=', parentCode)
    .where('valid_to', 'is', null)
    .where('geometry', 'is not', null);
  if (except) query = query.where('code', '!=', except);
  return (await query.execute()) as { code: string; name: string; geometry: string }[];
}

export async function countByLevel(db: Db, path: string, level: string): Promise<number> {
  const row = await db
    .selectFrom('regions')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('path', 'like', `${path}%`)
    .where('level', '=', level)
    .where('valid_to', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function listByLevel(db: Db, path: string, level: string, limit: number, offset: number): Promise<RegionSummaryRow[]> {
  return db
    .selectFrom('regions')
    .select([...SUMMARY, hasGeometry])
    .where('path', 'like', `${path}%`)
    .where('level', '=', level)
    .where('valid_to', 'is', null)
    .orderBy('code')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** Grids and micro-grids below a path with their geometry, for maps and exports. */
export async function listDrawn(db: Db, path: string, levels: readonly string[]): Promise<RegionRow[]> {
  return db
    .selectFrom('regions')
    .selectAll()
    .where('path', 'like', `${path}%`)
    .where('level', 'in', levels)
    .where('valid_to', 'is', null)
    .orderBy('code')
    .execute();
}

/* ---------- bulk reads and writes, for imports and the demo ---------- */

/** Full rows (with geometry) of the given codes. */
export async function findFullByCodes(db: Db, codes: readonly string[]): Promise<RegionRow[]> {
  const rows: RegionRow[] = [];
  for (let i = 0; i < codes.length; i += 500) {
    const chunk = codes.slice(i, i + 500);
    rows.push(...(await db.selectFrom('regions').selectAll().where('code', 'in', chunk).execute()));
  }
  return rows;
}

/** The codes of every child (valid or retired) of the given parents. */
export async function childCodesOf(db: Db, parentCodes: readonly string[]): Promise<{ parent_code: string; code: string }[]> {
  const rows: { parent_code: string; code: string }[] = [];
  for (let i = 0; i < parentCodes.length; i += 500) {
    const chunk = parentCodes.slice(i, i + 500);
    const found = await db.selectFrom('regions').select(['parent_code', 'code']).where('parent_code', 'in', chunk).execute();
    for (const r of found) if (r.parent_code) rows.push({ parent_code: r.parent_code, code: r.code });
  }
  return rows;
}

/** Insert many new rows, in chunks small enough for either database's parameter limit. */
export async function insertMany(db: Db, rows: readonly RegionRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('regions')
      .values(rows.slice(i, i + 200))
      .execute();
  }
}

/** Changes to regions of these levels show here: the latest edit time and how many there are (retired included). */
export async function regionsStamp(db: Db, levels: readonly string[]): Promise<{ latest: string | null; count: number }> {
  const row = await db
    .selectFrom('regions')
    .select((eb) => [eb.fn.max('updated_at').as('latest'), eb.fn.countAll<number>().as('count')])
    .where('level', 'in', [...levels])
    .executeTakeFirstOrThrow();
  return { latest: (row.latest as string | null) ?? null, count: Number(row.count) };
}

/** Outlines of administrative regions (not grids), for the public base map. Current ones only. */
export async function adminOutlines(db: Db, levels: readonly string[]): Promise<Pick<RegionRow, 'code' | 'name' | 'level' | 'geometry'>[]> {
  return db
    .selectFrom('regions')
    .select(['code', 'name', 'level', 'geometry'])
    .where('level', 'in', [...levels])
    .where('geometry', 'is not', null)
    .where('valid_to', 'is', null)
    .orderBy('depth')
    .orderBy('code')
    .execute();
}

/** Seats of administrative regions, the higher levels first, for naming places on the base map. */
export async function adminSeats(db: Db, levels: readonly string[], limit: number): Promise<Pick<RegionRow, 'code' | 'name' | 'level' | 'seat_lng' | 'seat_lat'>[]> {
  return db
    .selectFrom('regions')
    .select(['code', 'name', 'level', 'seat_lng', 'seat_lat'])
    .where('level', 'in', [...levels])
    .where('seat_lng', 'is not', null)
    .where('seat_lat', 'is not', null)
    .where('valid_to', 'is', null)
    .orderBy('depth')
    .orderBy('code')
    .limit(limit)
    .execute();
}


/** Current grids and micro-grids whose boxes meet a box, for the public base map at street level. */
export async function drawnInBox(db: Db, box: { west: number; south: number; east: number; north: number }, limit: number): Promise<Pick<RegionRow, 'code' | 'name' | 'level' | 'geometry'>[]> {
  return db
    .selectFrom('regions')
    .select(['code', 'name', 'level', 'geometry'])
    .where('level', 'in', ['grid', 'micro_grid'])
    .where('valid_to', 'is', null)
    .where('geometry', 'is not', null)
    .where('max_lng', '>=', box.west)
    .where('min_lng', '<=', box.east)
    .where('max_lat', '>=', box.south)
    .where('min_lat', '<=', box.north)
    .orderBy('code')
    .limit(limit)
    .execute();
}
