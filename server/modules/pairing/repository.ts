import { sql, type ExpressionBuilder, type Selectable } from 'kysely';
import { containsText, type Db, type DialectName } from '../../platform/db/index.ts';
import type { Database } from '../../platform/db/types.ts';

interface Stamped {
  created_at: string;
  updated_at: string;
  version: number;
}

export interface MechanismsTable extends Stamped {
  key: string;
  name_zh: string;
  name_en: string;
  description: string | null;
  /** JSON array of slots. */
  slots: string;
  sort: number;
}

export interface ModesTable extends Stamped {
  key: string;
  name_zh: string;
  name_en: string;
  description: string | null;
  active: number;
  sort: number;
}

export interface TemplatesTable extends Stamped {
  id: string;
  mode_key: string;
  title: string;
  description: string | null;
  due_days: number;
  active: number;
  sort: number;
}

export interface PairingsTable extends Stamped {
  id: string;
  title: string;
  mode_key: string;
  mechanism_key: string;
  status: string;
  start_date: string;
  end_date: string | null;
  region_code: string;
  region_path: string;
  party_key: string;
  note: string | null;
  status_reason: string | null;
  /** Why an admin let a party go over its capacity. */
  capacity_override: string | null;
  source: string;
  run_id: string | null;
  created_by: string | null;
  activated_at: string | null;
  ended_at: string | null;
}

export interface PartiesTable {
  pairing_id: string;
  org_id: string;
  role: string;
  is_lead: number;
  domain: string;
  region_code: string;
  region_path: string;
  sort: number;
}

export interface TasksTable extends Stamped {
  id: string;
  pairing_id: string;
  template_id: string | null;
  title: string;
  description: string | null;
  owner_org_id: string;
  due_date: string;
  status: string;
  progress: number;
  sort: number;
}

export interface EvidenceTable {
  id: string;
  task_id: string;
  note: string | null;
  /** JSON array of {hash, mime, size, name}. */
  photos: string;
  created_by: string | null;
  created_by_name: string | null;
  created_at: string;
}

export interface RunsTable {
  id: string;
  region_code: string;
  params: string;
  summary: string;
  created_by: string | null;
  created_at: string;
}

declare module '../../platform/db/types.ts' {
  interface Database {
    pairing_mechanisms: MechanismsTable;
    pairing_modes: ModesTable;
    pairing_task_templates: TemplatesTable;
    pairings: PairingsTable;
    pairing_parties: PartiesTable;
    pairing_tasks: TasksTable;
    pairing_task_evidence: EvidenceTable;
    pairing_matchmaker_runs: RunsTable;
  }
}

export type MechanismRow = Selectable<MechanismsTable>;
export type ModeRow = Selectable<ModesTable>;
export type TemplateRow = Selectable<TemplatesTable>;
export type PairingRow = Selectable<PairingsTable>;
export type PartyRow = Selectable<PartiesTable>;
export type TaskRow = Selectable<TasksTable>;
export type EvidenceRow = Selectable<EvidenceTable>;

/* ---------- configuration ---------- */

export async function mechanisms(db: Db): Promise<MechanismRow[]> {
  return db.selectFrom('pairing_mechanisms').selectAll().orderBy('sort').execute();
}

export async function modes(db: Db): Promise<ModeRow[]> {
  return db.selectFrom('pairing_modes').selectAll().orderBy('sort').execute();
}

export async function templates(db: Db): Promise<TemplateRow[]> {
  return db.selectFrom('pairing_task_templates').selectAll().orderBy('mode_key').orderBy('sort').execute();
}

export async function insertMissingConfig(db: Db, rows: { mechanisms: MechanismRow[]; modes: ModeRow[]; templates: TemplateRow[] }): Promise<void> {
  if (rows.mechanisms.length) await db.insertInto('pairing_mechanisms').values(rows.mechanisms).onConflict((oc) => oc.column('key').doNothing()).execute();
  if (rows.modes.length) await db.insertInto('pairing_modes').values(rows.modes).onConflict((oc) => oc.column('key').doNothing()).execute();
  if (rows.templates.length) await db.insertInto('pairing_task_templates').values(rows.templates).onConflict((oc) => oc.column('id').doNothing()).execute();
}

export async function updateMechanism(db: Db, key: string, version: number, changes: Partial<MechanismRow>): Promise<boolean> {
  const r = await db.updateTable('pairing_mechanisms').set({ ...changes, version: version + 1 }).where('key', '=', key).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function updateMode(db: Db, key: string, version: number, changes: Partial<ModeRow>): Promise<boolean> {
  const r = await db.updateTable('pairing_modes').set({ ...changes, version: version + 1 }).where('key', '=', key).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function updateTemplate(db: Db, id: string, version: number, changes: Partial<TemplateRow>): Promise<boolean> {
  const r = await db.updateTable('pairing_task_templates').set({ ...changes, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertMode(db: Db, mode: ModeRow, templateRows: readonly TemplateRow[]): Promise<void> {
  await db.insertInto('pairing_modes').values(mode).execute();
  if (templateRows.length) await db.insertInto('pairing_task_templates').values([...templateRows]).execute();
}

export async function insertTemplate(db: Db, row: TemplateRow): Promise<void> {
  await db.insertInto('pairing_task_templates').values(row).execute();
}

export async function countActiveModes(db: Db): Promise<number> {
  const r = await db.selectFrom('pairing_modes').select((eb) => eb.fn.countAll<number>().as('n')).where('active', '=', 1).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function countActiveTemplates(db: Db): Promise<number> {
  const r = await db
    .selectFrom('pairing_task_templates')
    .innerJoin('pairing_modes', 'pairing_modes.key', 'pairing_task_templates.mode_key')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('pairing_modes.active', '=', 1)
    .where('pairing_task_templates.active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/* ---------- pairings ---------- */

/** Who sees a pairing: a party inside a scope root, or (for a liaison) their organisation a party. */
export interface Visibility {
  scope: readonly string[] | null;
  orgId: string | null;
}

function visibleTo(v: Visibility) {
  return (eb: ExpressionBuilder<Database, 'pairings'>) => {
    const parties = eb.selectFrom('pairing_parties').select('pairing_parties.pairing_id');
    if (v.orgId !== null) return eb('pairings.id', 'in', parties.where('pairing_parties.org_id', '=', v.orgId));
    if (v.scope === null) return eb.lit(true);
    if (v.scope.length === 0) return eb.lit(false);
    const scope = v.scope;
    return eb('pairings.id', 'in', parties.where((p) => p.or(scope.map((path) => p('pairing_parties.region_path', 'like', `${path}%`)))));
  };
}

export interface PairingFilter {
  visibility: Visibility;
  status?: readonly string[];
  modeKey?: string;
  mechanismKey?: string;
  /** A party inside this subtree. */
  withinPath?: string;
  orgId?: string;
  q?: string;
  afterId?: string;
  limit: number;
}

export async function list(db: Db, dialect: DialectName, f: PairingFilter): Promise<PairingRow[]> {
  let query = db.selectFrom('pairings').selectAll().where(visibleTo(f.visibility));
  if (f.status?.length) query = query.where('status', 'in', f.status);
  if (f.modeKey) query = query.where('mode_key', '=', f.modeKey);
  if (f.mechanismKey) query = query.where('mechanism_key', '=', f.mechanismKey);
  if (f.withinPath) {
    const path = f.withinPath;
    query = query.where('id', 'in', (eb) => eb.selectFrom('pairing_parties').select('pairing_parties.pairing_id').where('pairing_parties.region_path', 'like', `${path}%`));
  }
  if (f.orgId) {
    const orgId = f.orgId;
    query = query.where('id', 'in', (eb) => eb.selectFrom('pairing_parties').select('pairing_parties.pairing_id').where('pairing_parties.org_id', '=', orgId));
  }
  if (f.q) query = query.where(containsText(dialect, 'title', f.q));
  // Newest first: ids are UUIDv7, in order of creation.
  if (f.afterId) query = query.where('id', '<', f.afterId);
  return query.orderBy('id', 'desc').limit(f.limit).execute();
}

export async function isVisible(db: Db, v: Visibility, id: string): Promise<boolean> {
  const row = await db.selectFrom('pairings').select('id').where('id', '=', id).where(visibleTo(v)).executeTakeFirst();
  return row !== undefined;
}

export async function findById(db: Db, id: string): Promise<PairingRow | undefined> {
  return db.selectFrom('pairings').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findByIds(db: Db, ids: readonly string[]): Promise<PairingRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('pairings').selectAll().where('id', 'in', [...new Set(ids)]).execute();
}

export async function partiesOf(db: Db, pairingIds: readonly string[]): Promise<PartyRow[]> {
  if (pairingIds.length === 0) return [];
  const out: PartyRow[] = [];
  const ids = [...new Set(pairingIds)];
  for (let i = 0; i < ids.length; i += 500) {
    out.push(...(await db.selectFrom('pairing_parties').selectAll().where('pairing_id', 'in', ids.slice(i, i + 500)).orderBy('pairing_id').orderBy('sort').execute()));
  }
  return out;
}

export async function tasksOf(db: Db, pairingIds: readonly string[]): Promise<TaskRow[]> {
  if (pairingIds.length === 0) return [];
  return db.selectFrom('pairing_tasks').selectAll().where('pairing_id', 'in', [...new Set(pairingIds)]).orderBy('pairing_id').orderBy('sort').execute();
}

export async function findTask(db: Db, id: string): Promise<TaskRow | undefined> {
  return db.selectFrom('pairing_tasks').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function evidenceOf(db: Db, taskIds: readonly string[]): Promise<EvidenceRow[]> {
  if (taskIds.length === 0) return [];
  return db.selectFrom('pairing_task_evidence').selectAll().where('task_id', 'in', [...new Set(taskIds)]).orderBy('created_at').execute();
}

/** Another pairing of the same parties and mode in one of these statuses. */
export async function findSame(db: Db, modeKey: string, key: string, statuses: readonly string[], exceptId?: string): Promise<PairingRow | undefined> {
  let query = db.selectFrom('pairings').selectAll().where('mode_key', '=', modeKey).where('party_key', '=', key).where('status', 'in', statuses);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return query.executeTakeFirst();
}

/** Active pairings per organisation, for the given organisations (all when `orgIds` is omitted). */
export async function activeCounts(db: Db, orgIds?: readonly string[]): Promise<Map<string, number>> {
  if (orgIds && orgIds.length === 0) return new Map();
  let query = db
    .selectFrom('pairing_parties')
    .innerJoin('pairings', 'pairings.id', 'pairing_parties.pairing_id')
    .select(['pairing_parties.org_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('pairings.status', '=', 'active')
    .groupBy('pairing_parties.org_id');
  if (orgIds) query = query.where('pairing_parties.org_id', 'in', [...new Set(orgIds)]);
  const rows = await query.execute();
  return new Map(rows.map((r) => [r.org_id, Number(r.n)]));
}

/** Organisations in a non-terminal pairing (proposed or active). */
export async function orgsInOpenPairings(db: Db, statuses: readonly string[]): Promise<Set<string>> {
  const rows = await db
    .selectFrom('pairing_parties')
    .innerJoin('pairings', 'pairings.id', 'pairing_parties.pairing_id')
    .select('pairing_parties.org_id')
    .distinct()
    .where('pairings.status', 'in', statuses)
    .execute();
  return new Set(rows.map((r) => r.org_id));
}

/** Active pairings with a party inside a subtree, with their parties. */
export async function activeWithin(db: Db, path: string): Promise<{ pairing: PairingRow; parties: PartyRow[] }[]> {
  const pairings = await db
    .selectFrom('pairings')
    .selectAll()
    .where('status', '=', 'active')
    .where('id', 'in', (eb) => eb.selectFrom('pairing_parties').select('pairing_parties.pairing_id').where('pairing_parties.region_path', 'like', `${path}%`))
    .orderBy('id')
    .execute();
  const parties = await partiesOf(db, pairings.map((p) => p.id));
  return pairings.map((pairing) => ({ pairing, parties: parties.filter((x) => x.pairing_id === pairing.id) }));
}

export interface NewPairing {
  pairing: PairingRow;
  parties: PartyRow[];
  tasks: TaskRow[];
}

export async function insert(db: Db, p: NewPairing): Promise<void> {
  await db.insertInto('pairings').values(p.pairing).execute();
  await db.insertInto('pairing_parties').values(p.parties).execute();
  if (p.tasks.length) await db.insertInto('pairing_tasks').values(p.tasks).execute();
}

export async function update(db: Db, id: string, version: number, changes: Partial<PairingRow>): Promise<boolean> {
  const r = await db.updateTable('pairings').set({ ...changes, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function updateTask(db: Db, id: string, version: number, changes: Partial<TaskRow>): Promise<boolean> {
  const r = await db.updateTable('pairing_tasks').set({ ...changes, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertEvidence(db: Db, row: EvidenceRow): Promise<void> {
  await db.insertInto('pairing_task_evidence').values(row).execute();
}

/** The evidence photo with this hash on one of the pairing's tasks, if any. */
export async function photoOf(db: Db, pairingId: string, hash: string): Promise<EvidenceRow | undefined> {
  return db
    .selectFrom('pairing_task_evidence')
    .innerJoin('pairing_tasks', 'pairing_tasks.id', 'pairing_task_evidence.task_id')
    .selectAll('pairing_task_evidence')
    .where('pairing_tasks.pairing_id', '=', pairingId)
    .where('pairing_task_evidence.photos', 'like', `%"${hash}"%`)
    .executeTakeFirst();
}

export async function insertRun(db: Db, row: Selectable<RunsTable>): Promise<void> {
  await db.insertInto('pairing_matchmaker_runs').values(row).execute();
}

/* ---------- indicators ---------- */

const activeIn = (path: string) => (eb: ExpressionBuilder<Database, 'pairings'>) =>
  eb.and([
    eb('pairings.status', '=', 'active'),
    eb('pairings.id', 'in', eb.selectFrom('pairing_parties').select('pairing_parties.pairing_id').where('pairing_parties.region_path', 'like', `${path}%`)),
  ]);

export async function countActive(db: Db, path: string): Promise<number> {
  const r = await db.selectFrom('pairings').select((eb) => eb.fn.countAll<number>().as('n')).where(activeIn(path)).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function listActive(db: Db, path: string, limit: number, offset: number): Promise<PairingRow[]> {
  return db.selectFrom('pairings').selectAll().where(activeIn(path)).orderBy('id').limit(limit).offset(offset).execute();
}

/**
 * Parties of the given domains in active pairings, located inside the subtree.
 */
function activePartiesQuery(db: Db, path: string, domains: readonly string[]) {
  return db
    .selectFrom('pairing_parties')
    .innerJoin('pairings', 'pairings.id', 'pairing_parties.pairing_id')
    .where('pairings.status', '=', 'active')
    .where('pairing_parties.domain', 'in', [...domains])
    .where('pairing_parties.region_path', 'like', `${path}%`);
}

/** Distinct organisations, or the distinct regions they stand for (towns, villages). */
export async function countActiveParties(db: Db, path: string, domains: readonly string[], by: 'org_id' | 'region_code'): Promise<number> {
  const column = by === 'org_id' ? sql.ref('pairing_parties.org_id') : sql.ref('pairing_parties.region_code');
  const r = await activePartiesQuery(db, path, domains)
    .select(sql<number>`count(distinct ${column})`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The parties behind `countActiveParties`: one row per organisation, or per region. */
export async function listActiveParties(
  db: Db,
  path: string,
  domains: readonly string[],
  by: 'org_id' | 'region_code',
  limit: number,
  offset: number,
): Promise<{ key: string; pairings: number }[]> {
  const column = by === 'org_id' ? 'pairing_parties.org_id' : 'pairing_parties.region_code';
  const rows = await activePartiesQuery(db, path, domains)
    .select([`${column} as key`, sql<number>`count(distinct pairings.id)`.as('pairings')])
    .groupBy(column)
    .orderBy(column)
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => ({ key: r.key, pairings: Number(r.pairings) }));
}

/** Party keys of pairings of a mode in these statuses (to keep the matchmaker from proposing duplicates). */
export async function partyKeysOf(db: Db, modeKey: string, statuses: readonly string[]): Promise<Set<string>> {
  const rows = await db.selectFrom('pairings').select('party_key').where('mode_key', '=', modeKey).where('status', 'in', statuses).execute();
  return new Set(rows.map((r) => r.party_key));
}

/** For each organisation, the domains of its partners in active pairings. */
export async function partnerDomains(db: Db, orgIds: readonly string[]): Promise<Map<string, string[]>> {
  if (orgIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('pairing_parties as mine')
    .innerJoin('pairings', 'pairings.id', 'mine.pairing_id')
    .innerJoin('pairing_parties as other', 'other.pairing_id', 'mine.pairing_id')
    .select(['mine.org_id as org_id', 'other.domain as domain'])
    .where('pairings.status', '=', 'active')
    .where('mine.org_id', 'in', [...new Set(orgIds)])
    .whereRef('other.org_id', '!=', 'mine.org_id')
    .execute();
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.org_id, [...(out.get(r.org_id) ?? []), r.domain]);
  return out;
}
