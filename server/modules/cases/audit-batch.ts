/**
 * One audit entry per case for a whole intake batch, in two statements instead of three per case.
 *
 * The platform's `recordAudit` appends one entry per call (lock, read the chain's end, insert).
 * For a batch of reports that is most of the write's round trips, so this wrapper appends the
 * first entry through `recordAudit` — which takes the chain's lock for the rest of the transaction
 * — and then links the others to it with the platform's own hash (`entryHash`) and inserts them in
 * one statement. The entries are exactly those `recordAudit` would write one by one (the chain
 * verifies: see the intake tests). It belongs in the platform's audit service once that offers
 * batches.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import { entryHash, GENESIS_HASH } from '../../platform/audit/domain.ts';
import { lastEntry } from '../../platform/audit/repository.ts';
import { recordAudit, type AuditWrite } from '../../platform/audit/service.ts';
import type { Db } from '../../platform/db/index.ts';
import type { AppContext } from '../../platform/module.ts';
import { insertAuditEntries } from './repository.ts';

export async function recordAuditBatch(trx: Db, ctx: Pick<AppContext, 'dialect' | 'clock'>, entries: readonly { actor: Actor; write: AuditWrite }[]): Promise<void> {
  const [first, ...rest] = entries;
  if (!first) return;
  await recordAudit(trx, ctx, first.actor, first.write);
  if (rest.length === 0) return;
  const last = await lastEntry(trx);
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const at = ctx.clock.now().toISOString();
  const rows = rest.map(({ actor, write }) => {
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
    const row = {
      seq,
      at,
      actor_id: content.actorId,
      actor_name: content.actorName,
      action: content.action,
      entity: content.entity,
      entity_id: content.entityId,
      region_code: content.regionCode,
      before_json: write.before === undefined || write.before === null ? null : JSON.stringify(write.before),
      after_json: write.after === undefined || write.after === null ? null : JSON.stringify(write.after),
      prev_hash: prevHash,
      hash,
    };
    prevHash = hash;
    return row;
  });
  await insertAuditEntries(trx, rows);
}
