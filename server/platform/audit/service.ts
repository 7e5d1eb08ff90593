import type { Actor } from '../auth/actor.ts';
import type { Db, DialectName } from '../db/index.ts';
import type { AppContext } from '../module.ts';
import { chainVerifier, entryHash, type ChainCheck, type StoredEntry } from './domain.ts';
import { allEntries, appendAfterHead, appendEntries, claimHead, listEntries, readHead, type AuditFilter, type AuditRow, type SameStatementWrite } from './repository.ts';

export type { AuditRow, SameStatementWrite } from './repository.ts';

export interface AuditWrite {
  action: string;
  entity: string;
  entityId: string;
  regionCode?: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Append one entry to the hash chain. Call it inside the transaction of the write it describes,
 * so the record and its audit entry land together or not at all.
 */
export async function recordAudit(trx: Db, ctx: Pick<AppContext, 'dialect' | 'clock'>, actor: Actor, write: AuditWrite): Promise<void> {
  await recordAuditBatch(trx, ctx, [{ actor, write }]);
}

/** The end of the hash chain: the last entry's sequence number and hash. */
export interface AuditHead {
  seq: number;
  hash: string;
}

/**
 * Append several entries at once (a batch of intake reports, an import): one claim of the chain's
 * head and one insert, with exactly the entries `recordAudit` would write one by one. The claim
 * holds the head row until the transaction ends, so concurrent writers append one after another.
 * Resolves to the chain's new end.
 */
export async function recordAuditBatch(
  trx: Db,
  ctx: Pick<AppContext, 'dialect' | 'clock'>,
  entries: readonly { actor: Actor; write: AuditWrite }[],
): Promise<AuditHead | null> {
  if (entries.length === 0) return null;
  const head = await claimHead(trx, entries.length);
  const { rows, end } = chainAuditEntries(head, ctx.clock.now().toISOString(), entries);
  await appendEntries(trx, ctx.dialect, rows);
  return end;
}

/**
 * The rows of entries linked after `head` (sequence numbers and hashes), and the chain's end after
 * them. Pure: `recordAuditBatch` links them to the head it claimed; a writer that knows where the
 * chain ends can link them ahead and append them with `appendAuditAfter`.
 */
export function chainAuditEntries(head: AuditHead, at: string, entries: readonly { actor: Actor; write: AuditWrite }[]): { rows: AuditRow[]; end: AuditHead } {
  let seq = head.seq;
  let prevHash = head.hash;
  const rows: AuditRow[] = entries.map(({ actor, write }) => {
    seq += 1;
    const content = {
      seq,
      at,
      actorId: actor.userId,
      actorName: actor.username,
      action: write.action,
      entity: write.entity,
      entityId: write.entityId,
      regionCode: write.regionCode ?? null,
      before: write.before ?? null,
      after: write.after ?? null,
    };
    const hash = entryHash(prevHash, content);
    const row: AuditRow = {
      seq,
      at,
      actor_id: content.actorId,
      actor_name: content.actorName,
      action: content.action,
      entity: content.entity,
      entity_id: content.entityId,
      region_code: content.regionCode,
      before_json: content.before === null ? null : JSON.stringify(content.before),
      after_json: content.after === null ? null : JSON.stringify(content.after),
      prev_hash: prevHash,
      hash,
    };
    prevHash = hash;
    return row;
  });
  return { rows, end: { seq, hash: prevHash } };
}

/**
 * PostgreSQL: append entries chained ahead with `chainAuditEntries` from `expected`, together with
 * `writes`, in one statement and only if the chain still ends at `expected`. False (and nothing
 * written) if it has moved; the caller then writes the ordinary way, in a transaction.
 */
export function appendAuditAfter(db: Db, expected: AuditHead, rows: readonly AuditRow[], writes: readonly SameStatementWrite[]): Promise<boolean> {
  return appendAfterHead(db, expected, rows, writes);
}

function toStored(row: AuditRow): StoredEntry {
  return {
    seq: row.seq,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    regionCode: row.region_code,
    before: row.before_json === null ? null : (JSON.parse(row.before_json) as unknown),
    after: row.after_json === null ? null : (JSON.parse(row.after_json) as unknown),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * Check the chain up to its head as it is now (entries appended meanwhile wait for the next check),
 * then that the head's entry is there: a chain cut short at its end is reported too.
 */
export async function verifyAudit(db: Db): Promise<ChainCheck> {
  const head = await readHead(db);
  const verifier = chainVerifier();
  for await (const row of allEntries(db, head.seq)) {
    const failure = verifier.check(toStored(row));
    if (failure) return failure;
  }
  return verifier.end(head);
}

export async function listAudit(db: Db, dialect: DialectName, filter: AuditFilter) {
  const rows = await listEntries(db, dialect, { ...filter, limit: filter.limit + 1 });
  const page = rows.slice(0, filter.limit).map(toStored);
  return { items: page, nextCursor: rows.length > filter.limit ? String(page[page.length - 1]!.seq) : null };
}
