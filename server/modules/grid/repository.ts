import { sql, type ExpressionBuilder, type Insertable, type Selectable } from 'kysely';
import { containsText, type Db, type DialectName } from '../../platform/db/index.ts';
import type { Database } from '../../platform/db/types.ts';

export interface GridMembersTable {
  id: string;
  name: string;
  phone_enc: string;
  phone_index: string;
  unit: string | null;
  force_type: string;
  user_id: string | null;
  region_code: string;
  region_path: string;
  active: number;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface GridAssignmentsTable {
  member_id: string;
  micro_grid_code: string;
  micro_grid_path: string;
  role: string;
  created_at: string;
}

export interface GridSettingsTable {
  key: string;
  value: string;
  updated_at: string;
  version: number;
}

declare module '../../platform/db/types.ts' {
  interface Database {
    grid_members: GridMembersTable;
    grid_assignments: GridAssignmentsTable;
    grid_settings: GridSettingsTable;
  }
}

export type MemberRow = Selectable<GridMembersTable>;
export type AssignmentRow = Selectable<GridAssignmentsTable>;

/** Rows per multi-row insert: 500 × 13 columns stays far below SQLite's and PostgreSQL's parameter limits. */
export const CHUNK = 500;

type MemberEb = ExpressionBuilder<Database, 'grid_members'>;

/**
 * A member belongs to a subtree when their home region lies in it or one of their micro-grids
 * does. The same test decides scope, counts and filters.
 */
function inAnyOf(paths: readonly string[]) {
  return (eb: MemberEb) => {
    if (paths.length === 0) return eb.lit(false);
    return eb.or([
      ...paths.map((p) => eb('grid_members.region_path', 'like', `${p}%`)),
      eb.exists(
        eb
          .selectFrom('grid_assignments')
          .select(sql`1`.as('one'))
          .whereRef('grid_assignments.member_id', '=', 'grid_members.id')
          .where((a) => a.or(paths.map((p) => a('grid_assignments.micro_grid_path', 'like', `${p}%`)))),
      ),
    ]);
  };
}

export interface MemberFilter {
  /** The actor's scope paths; null means everything. */
  scope: readonly string[] | null;
  regionPath?: string;
  forceType?: string;
  microGrid?: string;
  role?: string;
  q?: string;
  /** The blind index of `q` when it reads as a phone number. */
  phoneIndex?: string;
  /** true: active only; false: inactive only; null: both. */
  active: boolean | null;
  afterId?: string;
  limit: number;
  offset?: number;
}

function filtered(db: Db, dialect: DialectName, f: MemberFilter) {
  let query = db.selectFrom('grid_members');
  if (f.scope !== null) query = query.where(inAnyOf(f.scope));
  if (f.regionPath) query = query.where(inAnyOf([f.regionPath]));
  if (f.forceType) query = query.where('grid_members.force_type', '=', f.forceType);
  if (f.active !== null) query = query.where('grid_members.active', '=', f.active ? 1 : 0);
  if (f.microGrid || f.role) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('grid_assignments')
          .select(sql`1`.as('one'))
          .whereRef('grid_assignments.member_id', '=', 'grid_members.id')
          .$if(f.microGrid !== undefined, (q) => q.where('grid_assignments.micro_grid_code', '=', f.microGrid!))
          .$if(f.role !== undefined, (q) => q.where('grid_assignments.role', '=', f.role!))
          .$if(f.regionPath !== undefined, (q) => q.where('grid_assignments.micro_grid_path', 'like', `${f.regionPath}%`)),
      ),
    );
  }
  if (f.q) {
    const q = f.q;
    query = query.where((eb) =>
      eb.or([
        containsText(dialect, 'grid_members.name', q),
        containsText(dialect, 'grid_members.unit', q),
        ...(f.phoneIndex ? [eb('grid_members.phone_index', '=', f.phoneIndex)] : []),
      ]),
    );
  }
  return query;
}

export async function listMembers(db: Db, dialect: DialectName, f: MemberFilter): Promise<MemberRow[]> {
  let query = filtered(db, dialect, f).selectAll('grid_members');
  if (f.afterId) query = query.where('grid_members.id', '>', f.afterId);
  query = query.orderBy('grid_members.id').limit(f.limit);
  if (f.offset) query = query.offset(f.offset);
  return query.execute();
}

export async function countMembers(db: Db, dialect: DialectName, f: Omit<MemberFilter, 'limit' | 'afterId' | 'offset'>): Promise<number> {
  const row = await filtered(db, dialect, { ...f, limit: 0 })
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Active members of a subtree, by force type. */
export async function countByForceType(db: Db, path: string): Promise<{ force_type: string; n: number }[]> {
  const rows = await db
    .selectFrom('grid_members')
    .select(['force_type', (eb) => eb.fn.countAll<number>().as('n')])
    .where('active', '=', 1)
    .where(inAnyOf([path]))
    .groupBy('force_type')
    .execute();
  return rows.map((r) => ({ force_type: r.force_type, n: Number(r.n) }));
}

export async function countOfForceType(db: Db, path: string, forceType: string): Promise<number> {
  const row = await db
    .selectFrom('grid_members')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('active', '=', 1)
    .where('force_type', '=', forceType)
    .where(inAnyOf([path]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Active members per micro-grid and force type below a path, with how many of them lead it. */
export async function microGridCounts(db: Db, path: string): Promise<{ micro_grid_code: string; force_type: string; n: number; leaders: number }[]> {
  const rows = await db
    .selectFrom('grid_assignments')
    .innerJoin('grid_members', 'grid_members.id', 'grid_assignments.member_id')
    .select([
      'grid_assignments.micro_grid_code',
      'grid_members.force_type',
      (eb) => eb.fn.countAll<number>().as('n'),
      sql<number>`sum(case when grid_assignments.role = 'leader' then 1 else 0 end)`.as('leaders'),
    ])
    .where('grid_members.active', '=', 1)
    .where('grid_assignments.micro_grid_path', 'like', `${path}%`)
    .groupBy(['grid_assignments.micro_grid_code', 'grid_members.force_type'])
    .execute();
  return rows.map((r) => ({ micro_grid_code: r.micro_grid_code, force_type: r.force_type, n: Number(r.n), leaders: Number(r.leaders) }));
}

export async function findMember(db: Db, id: string): Promise<MemberRow | undefined> {
  return db.selectFrom('grid_members').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findMemberIdByUser(db: Db, userId: string): Promise<string | undefined> {
  const row = await db.selectFrom('grid_members').select('id').where('user_id', '=', userId).executeTakeFirst();
  return row?.id;
}

/** The members linked to these accounts (an account is linked to at most one). */
export async function membersLinkedTo(db: Db, userIds: readonly string[]): Promise<{ id: string; name: string; user_id: string }[]> {
  if (userIds.length === 0) return [];
  const rows = await db.selectFrom('grid_members').select(['id', 'name', 'user_id']).where('user_id', 'in', [...userIds]).execute();
  return rows.filter((r): r is typeof r & { user_id: string } => r.user_id !== null);
}

export async function findByPhoneIndex(db: Db, indexes: readonly string[]): Promise<MemberRow[]> {
  const rows: MemberRow[] = [];
  for (let i = 0; i < indexes.length; i += CHUNK) {
    rows.push(...(await db.selectFrom('grid_members').selectAll().where('phone_index', 'in', indexes.slice(i, i + CHUNK)).execute()));
  }
  return rows;
}

export async function insertMembers(db: Db, rows: readonly Insertable<GridMembersTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await db.insertInto('grid_members').values(rows.slice(i, i + CHUNK)).execute();
}

export async function updateMember(db: Db, id: string, expectedVersion: number, changes: Partial<MemberRow>): Promise<boolean> {
  const result = await db
    .updateTable('grid_members')
    .set({ ...changes, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function assignmentsOf(db: Db, memberIds: readonly string[]): Promise<AssignmentRow[]> {
  const rows: AssignmentRow[] = [];
  for (let i = 0; i < memberIds.length; i += CHUNK) {
    rows.push(
      ...(await db
        .selectFrom('grid_assignments')
        .selectAll()
        .where('member_id', 'in', memberIds.slice(i, i + CHUNK))
        .orderBy('member_id')
        .orderBy('micro_grid_code')
        .execute()),
    );
  }
  return rows;
}

/** Insert new assignments (none may exist yet). */
export async function insertAssignments(db: Db, rows: readonly AssignmentRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await db.insertInto('grid_assignments').values(rows.slice(i, i + CHUNK)).execute();
}

/** Insert assignments; one that exists already takes the new role. */
export async function upsertAssignments(db: Db, rows: readonly AssignmentRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto('grid_assignments')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) => oc.columns(['member_id', 'micro_grid_code']).doUpdateSet({ role: (eb) => eb.ref('excluded.role') }))
      .execute();
  }
}

export async function deleteAssignment(db: Db, memberId: string, microGridCode: string): Promise<boolean> {
  const result = await db.deleteFrom('grid_assignments').where('member_id', '=', memberId).where('micro_grid_code', '=', microGridCode).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Active members assigned to a micro-grid, optionally of one force type; leaders first. */
export async function membersOfMicroGrid(db: Db, microGridCode: string, forceType?: string): Promise<(MemberRow & { role: string })[]> {
  let query = db
    .selectFrom('grid_assignments')
    .innerJoin('grid_members', 'grid_members.id', 'grid_assignments.member_id')
    .selectAll('grid_members')
    .select('grid_assignments.role')
    .where('grid_assignments.micro_grid_code', '=', microGridCode)
    .where('grid_members.active', '=', 1);
  if (forceType) query = query.where('grid_members.force_type', '=', forceType);
  return query.orderBy(sql`case when grid_assignments.role = 'leader' then 0 else 1 end`).orderBy('grid_members.name').orderBy('grid_members.id').execute();
}

/* ---------- settings ---------- */

export async function getSetting(db: Db, key: string): Promise<Selectable<GridSettingsTable> | undefined> {
  return db.selectFrom('grid_settings').selectAll().where('key', '=', key).executeTakeFirst();
}

/** Write a setting if it is still at `expectedVersion` (0: not yet stored); false when someone else got there first. */
export async function putSetting(db: Db, key: string, expectedVersion: number, value: string, at: string): Promise<boolean> {
  if (expectedVersion === 0) {
    const result = await db
      .insertInto('grid_settings')
      .values({ key, value, updated_at: at, version: 1 })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const result = await db
    .updateTable('grid_settings')
    .set({ value, updated_at: at, version: expectedVersion + 1 })
    .where('key', '=', key)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
