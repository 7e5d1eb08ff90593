import { sql, type Compilable, type QueryCreator, type Selectable } from 'kysely';
import { containsText, insertRows, type Database, type Db, type DialectName } from '../db/index.ts';

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity: string;
  entity_id: string;
  region_code: string | null;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
}

/** One row (`id` 1): the sequence number and hash of the chain's last entry. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

declare module '../db/types.ts' {
  interface Database {
    audit_log: AuditLogTable;
    audit_head: AuditHeadTable;
  }
}

export type AuditRow = Selectable<AuditLogTable>;

/**
 * Claim the next `count` sequence numbers: one UPDATE of the head row, which waits for any other
 * writer holding it until that writer commits and then returns the chain's latest end (PostgreSQL
 * re-reads an updated row after the wait). Returns the end the new entries link to.
 */
export async function claimHead(db: Db, count: number): Promise<{ seq: number; hash: string }> {
  const row = await db
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', count) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  return { seq: Number(row.seq) - count, hash: row.hash };
}

export async function readHead(db: Db): Promise<{ seq: number; hash: string }> {
  return db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
}

/** Entries per INSERT, under PostgreSQL's limit of bound parameters. */
const CHUNK = 1000;

/**
 * Insert claimed entries and move the head's hash to the last one. On PostgreSQL a batch that fits
 * one INSERT is a single statement (the head update rides along as a data-modifying WITH).
 */
export async function appendEntries(db: Db, dialect: DialectName, rows: readonly AuditRow[]): Promise<void> {
  const last = rows[rows.length - 1];
  if (!last) return;
  const moveHead = (qc: Db) => qc.updateTable('audit_head').set({ hash: last.hash }).where('id', '=', 1);
  if (dialect === 'postgres' && rows.length <= CHUNK) {
    await db
      .with('head', (qc) => moveHead(qc as never))
      .insertInto('audit_log')
      .values([...rows])
      .execute();
    return;
  }
  for (let i = 0; i < rows.length; i += CHUNK) await insertRows(db, dialect, 'audit_log', rows.slice(i, i + CHUNK));
  await moveHead(db).execute();
}

/** Another write that rides in the same statement as the entries (a data-modifying WITH). */
export interface SameStatementWrite {
  name: string;
  write: (qc: QueryCreator<Database>) => Compilable;
}

/**
 * PostgreSQL: append entries linked ahead to `expected`, only if the chain still ends there, in one
 * statement together with `writes` — so one round trip writes the records and their audit entries,
 * atomically, with no transaction around it. If the chain ends elsewhere as the statement sees it
 * (another writer appended, or one that has not committed yet holds the head), the entries get no
 * sequence number, the statement fails as a whole and nothing is written: resolves to false. So a
 * writer sends its next chained statement only after the one before it answered. Other failures
 * are thrown.
 */
export async function appendAfterHead(
  db: Db,
  expected: { seq: number; hash: string },
  rows: readonly AuditRow[],
  writes: readonly SameStatementWrite[],
): Promise<boolean> {
  const last = rows[rows.length - 1];
  if (!last) throw new Error('appendAfterHead needs at least one entry');
  const n = rows.length;
  let query = db.with('head', (qc) =>
    qc
      .updateTable('audit_head')
      .set({ seq: expected.seq + n, hash: last.hash })
      .where('id', '=', 1)
      .where('seq', '=', expected.seq)
      .where('hash', '=', expected.hash)
      .returning('seq'),
  );
  for (const { name, write } of writes) query = query.with(name as never, write as never) as never;
  try {
    await query
      .insertInto('audit_log')
      // Numbered from the head the update returned: none (the chain moved) leaves them null.
      .values(rows.map((row, k) => ({ ...row, seq: sql<number>`(select seq from head) - ${n - 1 - k}` })))
      .execute();
    return true;
  } catch (error) {
    const e = error as { code?: string; table?: string; column?: string };
    if (e.code === '23502' && e.table === 'audit_log' && e.column === 'seq') return false;
    throw error;
  }
}

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  from?: string;
  to?: string;
  q?: string;
  beforeSeq?: number;
  limit: number;
}

export async function listEntries(db: Db, dialect: DialectName, f: AuditFilter): Promise<AuditRow[]> {
  let query = db.selectFrom('audit_log').selectAll();
  if (f.entity) query = query.where('entity', '=', f.entity);
  if (f.entityId) query = query.where('entity_id', '=', f.entityId);
  if (f.actorId) query = query.where('actor_id', '=', f.actorId);
  if (f.action) query = query.where('action', '=', f.action);
  if (f.from) query = query.where('at', '>=', f.from);
  if (f.to) query = query.where('at', '<=', f.to);
  if (f.q) query = query.where(containsText(dialect, 'actor_name', f.q));
  if (f.beforeSeq !== undefined) query = query.where('seq', '<', f.beforeSeq);
  return query.orderBy('seq', 'desc').limit(f.limit).execute();
}

/** Entries in order up to `upTo`, a page at a time, for verification. */
export async function* allEntries(db: Db, upTo: number, pageSize = 5000): AsyncGenerator<AuditRow> {
  let after = 0;
  for (;;) {
    const page = await db.selectFrom('audit_log').selectAll().where('seq', '>', after).where('seq', '<=', upTo).orderBy('seq').limit(pageSize).execute();
    if (page.length === 0) return;
    yield* page;
    after = page[page.length - 1]!.seq;
  }
}
