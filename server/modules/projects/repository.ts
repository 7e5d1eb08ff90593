import type { ExpressionBuilder, Selectable } from 'kysely';
import { containsText, type Db, type DialectName } from '../../platform/db/index.ts';
import type { Database } from '../../platform/db/types.ts';

export interface ProjectsTable {
  id: string;
  title: string;
  description: string | null;
  parent_id: string | null;
  root_id: string;
  depth: number;
  region_code: string;
  region_path: string;
  budget_fen: number;
  start_date: string;
  end_date: string | null;
  status_key: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ProjectOwnersTable {
  project_id: string;
  kind: string;
  /** The owner's id in its module, or the name itself for a named owner. */
  ref_id: string;
  name: string;
  sort: number;
}

export interface ProjectOrgsTable {
  project_id: string;
  org_id: string;
}

export interface ProjectFundingTable {
  id: string;
  project_id: string;
  source: string;
  amount_fen: number;
  note: string | null;
  sort: number;
  created_at: string;
}

export interface ProjectProgressTable {
  id: string;
  project_id: string;
  entry_date: string;
  percent: number;
  status_key: string | null;
  note: string | null;
  /** JSON array of attached photos ({hash, mime, size, name}). */
  attachments: string;
  reported_by: string | null;
  reported_by_name: string | null;
  verified_at: string | null;
  verified_by: string | null;
  verified_by_name: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ProjectConfigTable {
  key: string;
  value: string;
  created_at: string;
  updated_at: string;
  version: number;
}

declare module '../../platform/db/types.ts' {
  interface Database {
    projects: ProjectsTable;
    project_owners: ProjectOwnersTable;
    project_orgs: ProjectOrgsTable;
    project_funding: ProjectFundingTable;
    project_progress: ProjectProgressTable;
    project_config: ProjectConfigTable;
  }
}

export type ProjectRow = Selectable<ProjectsTable>;
export type OwnerRow = Selectable<ProjectOwnersTable>;
export type FundingRow = Selectable<ProjectFundingTable>;
export type ProgressRow = Selectable<ProjectProgressTable>;
export type ConfigRow = Selectable<ProjectConfigTable>;

/** Who sees a project: by region scope, or (for a liaison) by their organisation taking part in its tree. */
export interface Visibility {
  scope: readonly string[] | null;
  orgId: string | null;
}

function visibleTo(v: Visibility) {
  return (eb: ExpressionBuilder<Database, 'projects'>) => {
    if (v.orgId !== null) {
      return eb('projects.root_id', 'in', eb.selectFrom('project_orgs').select('project_orgs.project_id').where('project_orgs.org_id', '=', v.orgId));
    }
    if (v.scope === null) return eb.lit(true);
    if (v.scope.length === 0) return eb.lit(false);
    return eb.or(v.scope.map((p) => eb('projects.region_path', 'like', `${p}%`)));
  };
}

export function isVisibleRow(v: Visibility, row: ProjectRow, rootOrgIds: readonly string[]): boolean {
  if (v.orgId !== null) return rootOrgIds.includes(v.orgId);
  return v.scope === null || v.scope.some((p) => row.region_path.startsWith(p));
}

export interface ProjectFilter {
  visibility: Visibility;
  withinPath?: string;
  status?: readonly string[];
  ownerKind?: string;
  ownerId?: string;
  q?: string;
  parentId?: string;
  topLevel: boolean;
  afterId?: string;
  limit: number;
}

export async function list(db: Db, dialect: DialectName, f: ProjectFilter): Promise<ProjectRow[]> {
  let query = db.selectFrom('projects').selectAll().where(visibleTo(f.visibility));
  if (f.withinPath) query = query.where('region_path', 'like', `${f.withinPath}%`);
  if (f.status?.length) query = query.where('status_key', 'in', f.status);
  if (f.ownerKind || f.ownerId) {
    query = query.where('id', 'in', (eb) => {
      let owners = eb.selectFrom('project_owners').select('project_owners.project_id');
      if (f.ownerKind) owners = owners.where('project_owners.kind', '=', f.ownerKind);
      if (f.ownerId) owners = owners.where('project_owners.ref_id', '=', f.ownerId);
      return owners;
    });
  }
  if (f.q) query = query.where(containsText(dialect, 'title', f.q));
  if (f.parentId) query = query.where('parent_id', '=', f.parentId);
  else if (f.topLevel) query = query.where('parent_id', 'is', null);
  if (f.afterId) query = query.where('id', '>', f.afterId);
  return query.orderBy('id').limit(f.limit).execute();
}

export async function findById(db: Db, id: string): Promise<ProjectRow | undefined> {
  return db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every project in the trees of these roots. */
export async function treesOf(db: Db, rootIds: readonly string[]): Promise<ProjectRow[]> {
  if (rootIds.length === 0) return [];
  return db.selectFrom('projects').selectAll().where('root_id', 'in', [...new Set(rootIds)]).orderBy('id').execute();
}

export async function ownersOf(db: Db, projectIds: readonly string[]): Promise<OwnerRow[]> {
  if (projectIds.length === 0) return [];
  return db.selectFrom('project_owners').selectAll().where('project_id', 'in', [...new Set(projectIds)]).orderBy('sort').execute();
}

export async function orgsOf(db: Db, projectIds: readonly string[]): Promise<{ project_id: string; org_id: string }[]> {
  if (projectIds.length === 0) return [];
  return db.selectFrom('project_orgs').selectAll().where('project_id', 'in', [...new Set(projectIds)]).execute();
}

export async function fundingOf(db: Db, projectIds: readonly string[]): Promise<FundingRow[]> {
  if (projectIds.length === 0) return [];
  return db.selectFrom('project_funding').selectAll().where('project_id', 'in', [...new Set(projectIds)]).orderBy('sort').execute();
}

/** Progress entries of these projects, newest first. */
export async function progressOf(db: Db, projectIds: readonly string[]): Promise<ProgressRow[]> {
  if (projectIds.length === 0) return [];
  return db
    .selectFrom('project_progress')
    .selectAll()
    .where('project_id', 'in', [...new Set(projectIds)])
    .orderBy('entry_date', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function findProgress(db: Db, id: string): Promise<ProgressRow | undefined> {
  return db.selectFrom('project_progress').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface NewProject {
  project: ProjectRow;
  owners: OwnerRow[];
  orgIds: string[];
  funding: FundingRow[];
}

export async function insert(db: Db, p: NewProject): Promise<void> {
  await db.insertInto('projects').values(p.project).execute();
  if (p.owners.length) await db.insertInto('project_owners').values(p.owners).execute();
  if (p.orgIds.length) await db.insertInto('project_orgs').values([...new Set(p.orgIds)].map((org_id) => ({ project_id: p.project.id, org_id }))).execute();
  if (p.funding.length) await db.insertInto('project_funding').values(p.funding).execute();
}

export async function update(db: Db, id: string, expectedVersion: number, changes: Partial<ProjectRow>): Promise<boolean> {
  const result = await db
    .updateTable('projects')
    .set({ ...changes, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function replaceFunding(db: Db, projectId: string, funding: readonly FundingRow[]): Promise<void> {
  await db.deleteFrom('project_funding').where('project_id', '=', projectId).execute();
  if (funding.length) await db.insertInto('project_funding').values([...funding]).execute();
}

export async function insertProgress(db: Db, row: ProgressRow): Promise<void> {
  await db.insertInto('project_progress').values(row).execute();
}

export async function updateProgress(db: Db, id: string, expectedVersion: number, changes: Partial<ProgressRow>): Promise<boolean> {
  const result = await db
    .updateTable('project_progress')
    .set({ ...changes, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function usedStatusKeys(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('projects').select('status_key').distinct().execute();
  return rows.map((r) => r.status_key);
}

export async function getConfig(db: Db, key: string): Promise<ConfigRow | undefined> {
  return db.selectFrom('project_config').selectAll().where('key', '=', key).executeTakeFirst();
}

export async function insertConfigIfMissing(db: Db, row: ConfigRow): Promise<void> {
  await db
    .insertInto('project_config')
    .values(row)
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

export async function updateConfig(db: Db, key: string, expectedVersion: number, value: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('project_config')
    .set({ value, updated_at: now, version: expectedVersion + 1 })
    .where('key', '=', key)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Projects with an owner of this kind in a region subtree (each project once). */
export async function countOwnedBy(db: Db, kind: string, path: string): Promise<number> {
  const row = await db
    .selectFrom('projects')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('region_path', 'like', `${path}%`)
    .where('id', 'in', (eb) => eb.selectFrom('project_owners').select('project_owners.project_id').where('project_owners.kind', '=', kind))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listOwnedBy(db: Db, kind: string, path: string, limit: number, offset: number): Promise<ProjectRow[]> {
  return db
    .selectFrom('projects')
    .selectAll()
    .where('region_path', 'like', `${path}%`)
    .where('id', 'in', (eb) => eb.selectFrom('project_owners').select('project_owners.project_id').where('project_owners.kind', '=', kind))
    .orderBy('id')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** Top-level projects owned by any of these owners of a kind. */
export async function byOwners(db: Db, kind: string, refIds: readonly string[]): Promise<ProjectRow[]> {
  if (refIds.length === 0) return [];
  return db
    .selectFrom('projects')
    .selectAll()
    .where('id', 'in', (eb) =>
      eb.selectFrom('project_owners').select('project_owners.project_id').where('project_owners.kind', '=', kind).where('project_owners.ref_id', 'in', [...new Set(refIds)]),
    )
    .orderBy('id')
    .execute();
}

/** The progress entry of this project that carries the photo with this hash, if any. */
export async function entryWithPhoto(db: Db, projectId: string, hash: string): Promise<ProgressRow | undefined> {
  return db.selectFrom('project_progress').selectAll().where('project_id', '=', projectId).where('attachments', 'like', `%"${hash}"%`).executeTakeFirst();
}
