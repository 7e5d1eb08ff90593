/**
 * Writing new reports: group commit. Reports arriving while a write is in flight wait for it and
 * are then written together in one transaction — tracking numbers, cases, timeline, photos,
 * notifications and one audit entry per case — and each caller is answered only after that
 * transaction committed, so every acknowledged report is durable and audited. Under light load a
 * batch is a single report, written as soon as the event loop has read what else arrived with it
 * (`setImmediate`, no timer); under heavy load the cost of a commit (and of the audit chain's lock)
 * is shared by the batch.
 *
 * If a batch fails, its reports are retried one by one, so one bad report cannot sink the others.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import type { AuditWrite } from '../../platform/audit/service.ts';
import { recordAuditBatch } from '../../platform/audit/service.ts';
import type { Db } from '../../platform/db/index.ts';
import type { AppContext } from '../../platform/module.ts';
import { trackingDay, trackingNumber } from './domain.ts';
import { deliver, storeNotifications, type NewNotification, type OutgoingNotification } from './notifications.ts';
import * as repo from './repository.ts';

export interface NewCase {
  /** Complete except `tracking_no`, which the write assigns. */
  row: Omit<repo.CaseRow, 'tracking_no'>;
  event: repo.EventRow;
  photos: repo.PhotoRow[];
  notifications: NewNotification[];
  actor: Actor;
  audit: Omit<AuditWrite, 'entityId'>;
}

interface Pending {
  item: NewCase;
  resolve(trackingNo: string): void;
  reject(error: unknown): void;
}

/**
 * Most reports in one transaction. PostgreSQL waits for the disk at every commit, so larger
 * batches share that wait; SQLite (no disk wait at commit in WAL mode, but synchronous on the
 * event loop) keeps batches small so that no one write holds up the other requests for long.
 */
const MAX_BATCH = { postgres: 128, sqlite: 32 } as const;

class IntakeWriter {
  readonly #ctx: AppContext;
  #queue: Pending[] = [];
  #running = false;

  constructor(ctx: AppContext) {
    this.#ctx = ctx;
  }

  submit(item: NewCase): Promise<string> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      if (!this.#running) {
        // Start after the requests that arrived together have been read, so they share the write.
        this.#running = true;
        setImmediate(() => void this.#drain());
      }
    });
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue.splice(0, MAX_BATCH[this.#ctx.dialect]);
        await this.#writeBatch(batch);
      }
    } finally {
      this.#running = false;
    }
  }

  async #writeBatch(batch: Pending[]): Promise<void> {
    let written: { numbers: string[]; notes: OutgoingNotification[] };
    try {
      written = await this.#ctx.db.transaction().execute((trx) => writeCases(trx, this.#ctx, batch.map((p) => p.item)));
    } catch (error) {
      if (batch.length === 1) batch[0]!.reject(error);
      else for (const p of batch) await this.#writeBatch([p]);
      return;
    }
    batch.forEach((p, i) => p.resolve(written.numbers[i]!));
    await deliver(this.#ctx, written.notes);
  }
}

async function writeCases(trx: Db, ctx: AppContext, items: readonly NewCase[]): Promise<{ numbers: string[]; notes: OutgoingNotification[] }> {
  // Tracking numbers count per day (China time): reserve each day's block with one statement.
  const byDay = new Map<string, number[]>();
  items.forEach((item, i) => {
    const day = trackingDay(new Date(item.row.created_at));
    byDay.set(day, [...(byDay.get(day) ?? []), i]);
  });
  const numbers: string[] = new Array<string>(items.length);
  for (const [day, indexes] of byDay) {
    const last = await repo.reserveSequence(trx, day, indexes.length);
    indexes.forEach((index, k) => {
      numbers[index] = trackingNumber(day, last - indexes.length + 1 + k);
    });
  }
  await repo.insertCases(
    trx,
    items.map((item, i) => ({ ...item.row, tracking_no: numbers[i]! })),
  );
  await repo.insertEvents(
    trx,
    items.map((item) => item.event),
  );
  await repo.insertPhotos(
    trx,
    items.flatMap((item) => item.photos),
  );
  const notes = await storeNotifications(
    trx,
    ctx,
    items.flatMap((item) => item.notifications),
  );
  await recordAuditBatch(
    trx,
    ctx,
    items.map((item, i) => ({
      actor: item.actor,
      write: { ...item.audit, entityId: item.row.id, after: { ...(item.audit.after as Record<string, unknown>), trackingNo: numbers[i] } },
    })),
  );
  return { numbers, notes };
}

const writers = new WeakMap<AppContext, IntakeWriter>();

/** Write a new case (with the others waiting at this moment); resolves to its tracking number once committed. */
export function submitCase(ctx: AppContext, item: NewCase): Promise<string> {
  let writer = writers.get(ctx);
  if (!writer) writers.set(ctx, (writer = new IntakeWriter(ctx)));
  return writer.submit(item);
}

/** Write cases in one transaction now (the demo's bulk load); returns their tracking numbers. */
export async function writeCasesNow(ctx: AppContext, trx: Db, items: readonly NewCase[]): Promise<string[]> {
  return (await writeCases(trx, ctx, items)).numbers;
}
