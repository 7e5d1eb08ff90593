import type { ExpressionBuilder, Selectable } from 'kysely';
import { containsText, type Db, type DialectName } from '../../platform/db/index.ts';
import type { Database } from '../../platform/db/types.ts';

export interface OrgsTable {
  id: string;
  name: string;
  domain: string;
  parent_id: string | null;
  region_code: string;
  region_path: string;
  anchor_region_code: string | null;
  liaison_name: string | null;
  liaison_phone_enc: string | null;
  capacity: number;
  /** JSON array of tag keys. */
  resource_tags: string;
  need_tags: string;
  note: string | null;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

declare module '../../platform/db/types.ts' {
  interface Database {
    orgs: OrgsTable;
  }
}

export type OrgRow = Selectable<OrgsTable>;

/** A tag inside the JSON array column: the quoted key, which no other key contains. */
const hasTag = (column: 'resource_tags' | 'need_tags', tag: string) => (eb: ExpressionBuilder<Database, 'orgs'>) =>
  eb(column, 'like', `%"${tag}"%`);

export interface OrgFilter {
  q?: string;
  domains?: readonly string[];
  /** Region subtree (path prefix). */
  withinPath?: string;
  /**
   * Visibility: an organisation inside a scope root's subtree, or located exactly at an ancestor of
   * one (district bureaus partner every town's villages). `null` scope means everything.
   */
  scope: readonly string[] | null;
  ancestorPaths: readonly string[];
  tag?: string;
  need?: string;
  parentId?: string;
  includeArchived: boolean;
  afterId?: string;
  limit: number;
}

export async function list(db: Db, dialect: DialectName, f: OrgFilter): Promise<OrgRow[]> {
  let query = db.selectFrom('orgs').selectAll();
  if (f.scope !== null) {
    const scope = f.scope;
    query = query.where((eb) =>
      eb.or([...scope.map((p) => eb('region_path', 'like', `${p}%`)), ...(f.ancestorPaths.length ? [eb('region_path', 'in', f.ancestorPaths)] : [])]),
    );
  }
  if (f.withinPath) query = query.where('region_path', 'like', `${f.withinPath}%`);
  if (f.domains?.length) query = query.where('domain', 'in', f.domains);
  if (f.q) query = query.where(containsText(dialect, 'name', f.q));
  if (f.tag) query = query.where(hasTag('resource_tags', f.tag));
  if (f.need) query = query.where(hasTag('need_tags', f.need));
  if (f.parentId) query = query.where('parent_id', '=', f.parentId);
  if (!f.includeArchived) query = query.where('archived_at', 'is', null);
  if (f.afterId) query = query.where('id', '>', f.afterId);
  return query.orderBy('id').limit(f.limit).execute();
}

export async function findById(db: Db, id: string): Promise<OrgRow | undefined> {
  return db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findByIds(db: Db, ids: readonly string[]): Promise<OrgRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('orgs').selectAll().where('id', 'in', [...new Set(ids)]).execute();
}

export async function findByName(db: Db, name: string, regionCode: string): Promise<OrgRow | undefined> {
  return db.selectFrom('orgs').selectAll().where('name', '=', name).where('region_code', '=', regionCode).executeTakeFirst();
}

export async function findByNames(db: Db, names: readonly string[]): Promise<OrgRow[]> {
  if (names.length === 0) return [];
  return db.selectFrom('orgs').selectAll().where('name', 'in', [...new Set(names)]).execute();
}

export async function findByAnchors(db: Db, codes: readonly string[]): Promise<OrgRow[]> {
  if (codes.length === 0) return [];
  return db.selectFrom('orgs').selectAll().where('anchor_region_code', 'in', [...new Set(codes)]).execute();
}

export async function anchorCodes(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom('orgs').select('anchor_region_code').where('anchor_region_code', 'is not', null).execute();
  return new Set(rows.map((r) => r.anchor_region_code!));
}

/** Every live organisation in a subtree and at the given ancestor paths, of the given domains. */
export async function inSubtree(db: Db, path: string, ancestorPaths: readonly string[], domains?: readonly string[]): Promise<OrgRow[]> {
  let query = db
    .selectFrom('orgs')
    .selectAll()
    .where((eb) => eb.or([eb('region_path', 'like', `${path}%`), ...(ancestorPaths.length ? [eb('region_path', 'in', ancestorPaths)] : [])]))
    .where('archived_at', 'is', null);
  if (domains?.length) query = query.where('domain', 'in', domains);
  return query.orderBy('id').execute();
}

export async function insert(db: Db, rows: readonly OrgRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('orgs').values(rows.slice(i, i + 200)).execute();
}

export async function update(db: Db, id: string, expectedVersion: number, changes: Partial<OrgRow>): Promise<boolean> {
  const result = await db
    .updateTable('orgs')
    .set({ ...changes, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function childCount(db: Db, id: string): Promise<number> {
  const row = await db
    .selectFrom('orgs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parent_id', '=', id)
    .where('archived_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
