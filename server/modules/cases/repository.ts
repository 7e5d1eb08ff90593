import { sql, type ExpressionBuilder, type Selectable } from 'kysely';
import { insertRows, type Db, type DialectName } from '../../platform/db/index.ts';
import type { Database } from '../../platform/db/types.ts';
import type { SameStatementWrite } from '../../platform/audit/service.ts';

export interface CaseCategoriesTable {
  code: string;
  parent_code: string | null;
  name_zh: string;
  name_en: string;
  description: string;
  force_type: string;
  limits_json: string;
  reporter_verifies: number;
  list_nearby: number;
  attributes_json: string;
  sort_order: number;
  active: number;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface CasesTable {
  id: string;
  tracking_no: string;
  category_code: string;
  description: string;
  lat: number | null;
  lng: number | null;
  address: string | null;
  attributes_json: string | null;
  source: string;
  reporter_user_id: string | null;
  reporter_phone_enc: string | null;
  reporter_phone_index: string | null;
  reporter_name_enc: string | null;
  reporter_token_hash: string | null;
  region_code: string;
  region_path: string;
  region_name: string;
  region_level: string;
  route_method: string;
  status: string;
  assignee_kind: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  deadline: string | null;
  escalation_level: string;
  escalated_for: string | null;
  missed_deadline: number;
  state_json: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  closed_on_time: number | null;
  version: number;
}

export interface CaseEventsTable {
  id: string;
  case_id: string;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  actor_role: string;
  action: string;
  from_status: string | null;
  to_status: string;
  note: string | null;
  detail_json: string | null;
  public: number;
}

export interface CasePhotosTable {
  case_id: string;
  hash: string;
  stage: string;
  mime: string;
  size: number;
  created_at: string;
}

export interface CaseCountersTable {
  day: string;
  last: number;
}

export interface NotificationsTable {
  id: string;
  case_id: string | null;
  kind: string;
  message: string;
  target_user_id: string | null;
  target_member_id: string | null;
  target_region_path: string | null;
  target_role: string | null;
  created_at: string;
}

export interface NotificationReadsTable {
  notification_id: string;
  user_id: string;
  read_at: string;
}

declare module '../../platform/db/types.ts' {
  interface Database {
    case_categories: CaseCategoriesTable;
    cases: CasesTable;
    case_events: CaseEventsTable;
    case_photos: CasePhotosTable;
    case_counters: CaseCountersTable;
    notifications: NotificationsTable;
    notification_reads: NotificationReadsTable;
  }
}

export type CategoryRow = Selectable<CaseCategoriesTable>;
export type CaseRow = Selectable<CasesTable>;
export type EventRow = Selectable<CaseEventsTable>;
export type PhotoRow = Selectable<CasePhotosTable>;
export type NotificationRow = Selectable<NotificationsTable>;

/** Largest multi-row insert, well inside both databases' limits on bound parameters. */
const CHUNK = 200;

async function insertChunked<T extends keyof Database & string>(db: Db, table: T, rows: readonly Database[T][]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + CHUNK) as never)
      .execute();
  }
}

/* ---------- expression helpers ---------- */

type CasesEb = ExpressionBuilder<Database, 'cases'>;

/** In one of the scope roots' subtrees (`null`: everywhere). */
function inPaths(paths: readonly string[] | null) {
  return (eb: CasesEb) => {
    if (paths === null) return eb.lit(true);
    if (paths.length === 0) return eb.lit(false);
    return eb.or(paths.map((p) => eb('region_path', 'like', `${p}%`)));
  };
}

/** Dispatched to this grid member, or to one of these units. */
function assignedTo(memberId: string | null, unitIds: readonly string[]) {
  return (eb: CasesEb) => {
    const terms = [];
    if (memberId) terms.push(eb.and([eb('assignee_kind', '=', 'member'), eb('assignee_id', '=', memberId)]));
    if (unitIds.length > 0) terms.push(eb.and([eb('assignee_kind', '=', 'unit'), eb('assignee_id', 'in', unitIds)]));
    return terms.length === 0 ? eb.lit(false) : eb.or(terms);
  };
}

const OPEN = ['reported', 'accepted', 'dispatched', 'handled', 'verified', 'suspended'];
const RUNNING = ['reported', 'accepted', 'dispatched', 'handled', 'verified'];

/* ---------- categories ---------- */

export async function listCategories(db: Db): Promise<CategoryRow[]> {
  return db.selectFrom('case_categories').selectAll().orderBy('sort_order').orderBy('code').execute();
}

export async function findCategory(db: Db, code: string): Promise<CategoryRow | undefined> {
  return db.selectFrom('case_categories').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Insert the categories that are not there yet (parents first); existing ones are left alone. */
export async function insertMissingCategories(db: Db, rows: readonly CategoryRow[]): Promise<number> {
  let inserted = 0;
  for (const row of rows) {
    const result = await db
      .insertInto('case_categories')
      .values(row)
      .onConflict((oc) => oc.column('code').doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

export async function insertCategory(db: Db, row: CategoryRow): Promise<void> {
  await db.insertInto('case_categories').values(row).execute();
}

export async function updateCategory(db: Db, code: string, expectedVersion: number, changes: Partial<CategoryRow>): Promise<boolean> {
  const result = await db
    .updateTable('case_categories')
    .set({ ...changes, version: expectedVersion + 1 })
    .where('code', '=', code)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/* ---------- intake ---------- */

/** Reserve `count` sequence numbers of a day; returns the last one reserved. */
export async function reserveSequence(db: Db, day: string, count: number): Promise<number> {
  const row = await db
    .insertInto('case_counters')
    .values({ day, last: count })
    .onConflict((oc) => oc.column('day').doUpdateSet({ last: sql<number>`case_counters.last + ${count}` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return Number(row.last);
}

export async function insertCases(db: Db, rows: readonly CaseRow[]): Promise<void> {
  await insertChunked(db, 'cases', rows);
}

/**
 * New cases with their first timeline entries. On PostgreSQL a batch that fits one INSERT goes in
 * one statement (the cases as a data-modifying WITH), one round trip instead of two.
 */
export async function insertNewCases(db: Db, dialect: DialectName, cases: readonly CaseRow[], events: readonly EventRow[]): Promise<void> {
  if (dialect === 'postgres' && cases.length > 0 && cases.length <= CHUNK && events.length <= CHUNK) {
    await db
      .with('new_cases', (qc) => qc.insertInto('cases').values([...cases]))
      .insertInto('case_events')
      .values([...events])
      .execute();
    return;
  }
  for (let i = 0; i < cases.length; i += CHUNK) await insertRows(db, dialect, 'cases', cases.slice(i, i + CHUNK));
  for (let i = 0; i < events.length; i += CHUNK) await insertRows(db, dialect, 'case_events', events.slice(i, i + CHUNK));
}

/** New cases and their first events as writes riding in another statement (PostgreSQL). */
export function newCaseWrites(cases: readonly CaseRow[], events: readonly EventRow[]): SameStatementWrite[] {
  return [
    { name: 'new_cases', write: (qc) => qc.insertInto('cases').values([...cases]) },
    { name: 'new_events', write: (qc) => qc.insertInto('case_events').values([...events]) },
  ];
}

export async function insertEvents(db: Db, rows: readonly EventRow[]): Promise<void> {
  await insertChunked(db, 'case_events', rows);
}

export async function insertPhotos(db: Db, rows: readonly PhotoRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('case_photos')
    .values([...rows])
    .onConflict((oc) => oc.columns(['case_id', 'stage', 'hash']).doNothing())
    .execute();
}

/* ---------- one case ---------- */

export async function findCase(db: Db, id: string): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findCaseByTracking(db: Db, trackingNo: string): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').selectAll().where('tracking_no', '=', trackingNo).executeTakeFirst();
}

/** Optimistic write: only if the case is still at `expectedVersion`. */
export async function updateCase(db: Db, id: string, expectedVersion: number, changes: Partial<CaseRow>): Promise<boolean> {
  const result = await db
    .updateTable('cases')
    .set({ ...changes, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The sweep's conditional update: escalate only if nobody (another sweeper, a person) changed the
 * case since it was read — same version, same level, same deadline. Of two sweepers, one wins.
 */
export async function escalateCase(
  db: Db,
  id: string,
  expected: { version: number; level: string; deadline: string },
  changes: Pick<CaseRow, 'escalation_level' | 'escalated_for' | 'deadline' | 'state_json' | 'updated_at' | 'missed_deadline'>,
): Promise<boolean> {
  const result = await db
    .updateTable('cases')
    .set({ ...changes, version: expected.version + 1 })
    .where('id', '=', id)
    .where('version', '=', expected.version)
    .where('escalation_level', '=', expected.level)
    .where('deadline', '=', expected.deadline)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A missed deadline with nowhere higher to escalate to: noted, so the sweep stops picking the case. */
export async function markEscalationSeen(db: Db, id: string, deadline: string): Promise<void> {
  await db.updateTable('cases').set({ escalated_for: deadline, missed_deadline: 1 }).where('id', '=', id).where('deadline', '=', deadline).execute();
}

export async function listEvents(db: Db, caseId: string, publicOnly = false): Promise<EventRow[]> {
  let query = db.selectFrom('case_events').selectAll().where('case_id', '=', caseId);
  if (publicOnly) query = query.where('public', '=', 1);
  return query.orderBy('at').orderBy('id').execute();
}

export async function listPhotos(db: Db, caseId: string): Promise<PhotoRow[]> {
  return db.selectFrom('case_photos').selectAll().where('case_id', '=', caseId).orderBy('created_at').orderBy('hash').execute();
}

/**
 * Hold the case's row until the transaction ends (PostgreSQL: a row lock; SQLite has one writer),
 * so that a check made next, such as counting photos, holds when the transaction writes.
 */
export async function lockCase(db: Db, caseId: string): Promise<void> {
  await db
    .updateTable('cases')
    .set((eb) => ({ version: eb.ref('version') }))
    .where('id', '=', caseId)
    .execute();
}

/** The hashes of a case's photos of one stage. */
export async function photoHashes(db: Db, caseId: string, stage: string): Promise<string[]> {
  const rows = await db.selectFrom('case_photos').select('hash').where('case_id', '=', caseId).where('stage', '=', stage).execute();
  return rows.map((r) => r.hash);
}

export async function findPhoto(db: Db, caseId: string, hash: string): Promise<PhotoRow | undefined> {
  return db.selectFrom('case_photos').selectAll().where('case_id', '=', caseId).where('hash', '=', hash).limit(1).executeTakeFirst();
}

/* ---------- lists ---------- */

export interface CaseFilter {
  scopePaths: readonly string[] | null;
  /** Also visible: cases dispatched to this member or these units. */
  memberId: string | null;
  unitIds: readonly string[];
  /** The inbox: dispatched to me, or in scope in one of these statuses. */
  inbox?: { statuses: readonly string[] };
  status?: readonly string[];
  category?: string;
  regionPath?: string;
  overdueAt?: string;
  from?: string;
  to?: string;
  trackingNo?: string;
  now: string;
  offset: number;
  limit: number;
}

const SUMMARY_COLUMNS = [
  'id',
  'tracking_no',
  'category_code',
  'description',
  'lat',
  'lng',
  'address',
  'source',
  'region_code',
  'region_name',
  'region_path',
  'region_level',
  'status',
  'assignee_kind',
  'assignee_id',
  'assignee_name',
  'deadline',
  'escalation_level',
  'missed_deadline',
  'created_at',
  'updated_at',
  'closed_at',
  'closed_on_time',
  'version',
  'state_json',
  'reporter_user_id',
] as const;
export type CaseSummaryRow = Pick<CaseRow, (typeof SUMMARY_COLUMNS)[number]>;

function filtered(db: Db, f: CaseFilter) {
  let query = db.selectFrom('cases').where((eb) => eb.or([inPaths(f.scopePaths)(eb), assignedTo(f.memberId, f.unitIds)(eb)]));
  if (f.inbox) {
    const statuses = f.inbox.statuses;
    query = query.where((eb) =>
      eb.or([
        eb.and([assignedTo(f.memberId, f.unitIds)(eb), eb('status', '=', 'dispatched')]),
        statuses.length === 0 ? eb.lit(false) : eb.and([inPaths(f.scopePaths)(eb), eb('status', 'in', statuses)]),
      ]),
    );
  }
  if (f.status && f.status.length > 0) query = query.where('status', 'in', f.status);
  if (f.category) query = query.where((eb) => eb.or([eb('category_code', '=', f.category!), eb('category_code', 'like', `${f.category}.%`)]));
  if (f.regionPath) query = query.where('region_path', 'like', `${f.regionPath}%`);
  if (f.overdueAt) query = query.where('status', 'in', RUNNING).where('deadline', '<', f.overdueAt);
  if (f.from) query = query.where('created_at', '>=', f.from);
  if (f.to) query = query.where('created_at', '<', f.to);
  if (f.trackingNo) query = query.where('tracking_no', '=', f.trackingNo);
  return query;
}

/** Cases in order: overdue first, then by deadline, then newest; a page by offset. */
export async function listCases(db: Db, f: CaseFilter): Promise<CaseSummaryRow[]> {
  const overdueFirst = sql<number>`case when status in ('reported','accepted','dispatched','handled','verified') and deadline < ${f.now} then 0 else 1 end`;
  const undated = sql<number>`case when deadline is null then 1 else 0 end`;
  let query = filtered(db, f).select([...SUMMARY_COLUMNS]);
  query = f.inbox ? query.orderBy(overdueFirst).orderBy(undated).orderBy('deadline').orderBy('created_at', 'desc') : query.orderBy('created_at', 'desc');
  return query.orderBy('id', 'desc').offset(f.offset).limit(f.limit).execute();
}

export async function countCases(db: Db, f: CaseFilter): Promise<number> {
  const row = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface MapRow {
  id: string;
  tracking_no: string;
  category_code: string;
  status: string;
  lat: number | null;
  lng: number | null;
  deadline: string | null;
  created_at: string;
}

export async function mapCases(db: Db, f: CaseFilter): Promise<MapRow[]> {
  return filtered(db, f)
    .select(['id', 'tracking_no', 'category_code', 'status', 'lat', 'lng', 'deadline', 'created_at'])
    .where('lat', 'is not', null)
    .orderBy('created_at', 'desc')
    .limit(f.limit)
    .execute();
}

/** Open cases of a category (or its sub-categories) inside a box, for "is this already reported?". */
export async function openCasesInBox(
  db: Db,
  category: string,
  box: { minLat: number; maxLat: number; minLng: number; maxLng: number },
  limit: number,
): Promise<Pick<CaseRow, 'tracking_no' | 'category_code' | 'status' | 'lat' | 'lng' | 'created_at'>[]> {
  return db
    .selectFrom('cases')
    .select(['tracking_no', 'category_code', 'status', 'lat', 'lng', 'created_at'])
    .where('category_code', '=', category)
    .where('lat', '>=', box.minLat)
    .where('lat', '<=', box.maxLat)
    .where('lng', '>=', box.minLng)
    .where('lng', '<=', box.maxLng)
    .where('status', 'in', OPEN)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

/* ---------- the escalation sweep ---------- */

/** Cases whose clock runs and whose current deadline has passed without an escalation for it. */
export async function overdueCases(db: Db, now: string, limit: number): Promise<CaseRow[]> {
  return db
    .selectFrom('cases')
    .selectAll()
    .where('status', 'in', RUNNING)
    .where('deadline', '<', now)
    .where((eb) => eb.or([eb('escalated_for', 'is', null), eb('escalated_for', '!=', eb.ref('deadline'))]))
    .orderBy('deadline')
    .limit(limit)
    .execute();
}

/* ---------- indicators ---------- */

export async function countOpen(db: Db, path: string): Promise<number> {
  const row = await db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('region_path', 'like', `${path}%`)
    .where('status', 'in', OPEN)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Still open and late: past the current deadline now, or a deadline was missed on the way (escalated). */
function overdue(now: string) {
  return (eb: CasesEb) =>
    eb.and([
      eb('status', 'in', OPEN),
      eb.or([eb('missed_deadline', '=', 1), eb.and([eb('status', 'in', RUNNING), eb('deadline', '<', now)])]),
    ]);
}

export async function countOverdue(db: Db, path: string, now: string): Promise<number> {
  const row = await db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('region_path', 'like', `${path}%`)
    .where(overdue(now))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function closedCounts(db: Db, path: string, from?: string, to?: string): Promise<{ closed: number; onTime: number }> {
  let query = db
    .selectFrom('cases')
    .select((eb) => [eb.fn.countAll<number>().as('closed'), eb.fn.sum<number>('closed_on_time').as('on_time')])
    .where('region_path', 'like', `${path}%`)
    .where('status', '=', 'closed');
  if (from) query = query.where('closed_at', '>=', from);
  if (to) query = query.where('closed_at', '<', to);
  const row = await query.executeTakeFirstOrThrow();
  return { closed: Number(row.closed), onTime: Number(row.on_time ?? 0) };
}

export type IndicatorSet = 'open' | 'overdue' | 'closed';

export async function indicatorRecords(
  db: Db,
  set: IndicatorSet,
  q: { path: string; now: string; from?: string; to?: string; limit: number; offset: number },
): Promise<CaseSummaryRow[]> {
  let query = db.selectFrom('cases').select([...SUMMARY_COLUMNS]).where('region_path', 'like', `${q.path}%`);
  if (set === 'open') query = query.where('status', 'in', OPEN).orderBy('created_at', 'desc');
  if (set === 'overdue') query = query.where(overdue(q.now)).orderBy('deadline');
  if (set === 'closed') {
    query = query.where('status', '=', 'closed');
    if (q.from) query = query.where('closed_at', '>=', q.from);
    if (q.to) query = query.where('closed_at', '<', q.to);
    query = query.orderBy('closed_at', 'desc');
  }
  return query.orderBy('id').limit(q.limit).offset(q.offset).execute();
}

/* ---------- notifications ---------- */

export async function insertNotifications(db: Db, rows: readonly NotificationRow[]): Promise<void> {
  await insertChunked(db, 'notifications', rows);
}

export interface Recipient {
  userId: string;
  memberId: string | null;
  role: string | null;
  scopePaths: readonly string[];
}

type NotificationsEb = ExpressionBuilder<Database, 'notifications'>;

/** Addressed to the user, to their grid member record, or to their role in a region their scope covers. */
function addressedTo(r: Recipient) {
  return (eb: NotificationsEb) => {
    const terms = [eb('target_user_id', '=', r.userId)];
    if (r.memberId) terms.push(eb('target_member_id', '=', r.memberId));
    if (r.role && r.scopePaths.length > 0) {
      terms.push(eb.and([eb('target_role', '=', r.role), eb.or(r.scopePaths.map((p) => eb('target_region_path', 'like', `${p}%`)))]));
    }
    return eb.or(terms);
  };
}

export async function listNotifications(
  db: Db,
  r: Recipient,
  options: { unreadOnly: boolean; before?: string; limit: number },
): Promise<(NotificationRow & { read_at: string | null })[]> {
  let query = db
    .selectFrom('notifications')
    .leftJoin('notification_reads', (join) =>
      join.onRef('notification_reads.notification_id', '=', 'notifications.id').on('notification_reads.user_id', '=', r.userId),
    )
    .selectAll('notifications')
    .select('notification_reads.read_at')
    .where(addressedTo(r));
  if (options.unreadOnly) query = query.where('notification_reads.read_at', 'is', null);
  if (options.before) query = query.where('notifications.id', '<', options.before);
  return query.orderBy('notifications.id', 'desc').limit(options.limit).execute();
}

export async function countUnread(db: Db, r: Recipient): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .leftJoin('notification_reads', (join) =>
      join.onRef('notification_reads.notification_id', '=', 'notifications.id').on('notification_reads.user_id', '=', r.userId),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(addressedTo(r))
    .where('notification_reads.read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findNotification(db: Db, r: Recipient, id: string): Promise<NotificationRow | undefined> {
  return db.selectFrom('notifications').selectAll().where('id', '=', id).where(addressedTo(r)).executeTakeFirst();
}

export async function markRead(db: Db, ids: readonly string[], userId: string, at: string): Promise<void> {
  for (let i = 0; i < ids.length; i += CHUNK) {
    await db
      .insertInto('notification_reads')
      .values(ids.slice(i, i + CHUNK).map((id) => ({ notification_id: id, user_id: userId, read_at: at })))
      .onConflict((oc) => oc.columns(['notification_id', 'user_id']).doNothing())
      .execute();
  }
}

export async function unreadIds(db: Db, r: Recipient, limit: number): Promise<string[]> {
  const rows = await listNotifications(db, r, { unreadOnly: true, limit });
  return rows.map((n) => n.id);
}

/* ---------- Open311 ---------- */

export interface Open311Filter {
  trackingNos?: readonly string[];
  codes?: readonly string[];
  statuses?: readonly string[];
  from?: string;
  to?: string;
  scopePaths: readonly string[] | null;
  limit: number;
}

/** Service requests newest first; with tracking numbers, exactly those (other filters ignored, as the specification says). */
export async function open311Requests(db: Db, f: Open311Filter): Promise<CaseRow[]> {
  let query = db.selectFrom('cases').selectAll().where(inPaths(f.scopePaths));
  if (f.trackingNos) {
    query = query.where('tracking_no', 'in', f.trackingNos.length > 0 ? f.trackingNos : ['']);
  } else {
    if (f.codes && f.codes.length > 0) query = query.where('category_code', 'in', f.codes);
    if (f.statuses && f.statuses.length > 0) query = query.where('status', 'in', f.statuses);
    if (f.from) query = query.where('created_at', '>=', f.from);
    if (f.to) query = query.where('created_at', '<=', f.to);
  }
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}


