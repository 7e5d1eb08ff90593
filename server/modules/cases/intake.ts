/**
 * Writing new reports: group commit. Reports that arrive while the writers are busy wait and are
 * then written together in one transaction — cases, timeline, photos, notifications and one audit
 * entry per case — and each caller is answered only after that transaction committed, so every
 * acknowledged report is durable and audited. Under light load a batch is a single report, written
 * as soon as the event loop has read what else arrived with it (`setImmediate`, no timer); under
 * heavy load the cost of a commit (and of the audit chain's head) is shared by the batch. On
 * PostgreSQL up to two batches are in flight at once and tracking numbers come from blocks reserved
 * ahead, so the only serial part of a batch is its audit append and commit.
 *
 * Chained batches (PostgreSQL): once an instance knows where the audit chain ends (after its first
 * batch), it links each batch's entries ahead from there and writes cases, events and entries in
 * one statement with no transaction around it, which appends only if the chain still ends where
 * the instance expects: one round trip per batch instead of five, one batch in flight at a time.
 * If the chain moved (another instance wrote), nothing is written and the batch goes the ordinary
 * way, in a transaction that claims the head; the instance stays on that way for a second and then
 * chains again from the head it last claimed.
 *
 * If a batch fails, its reports are retried one by one, so one bad report cannot sink the others.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import { appendAuditAfter, chainAuditEntries, recordAuditBatch, type AuditHead, type AuditWrite } from '../../platform/audit/service.ts';
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

/**
 * Batches written at the same time. On PostgreSQL a second batch inserts its cases while the one
 * before it appends to the audit chain and commits, and then waits only for the chain's head: the
 * serial part of a batch is the head claim, the audit insert and the commit. SQLite has one writer.
 */
const IN_FLIGHT = { postgres: 2, sqlite: 1 } as const;

/**
 * Tracking numbers taken per reservation on PostgreSQL. Each instance reserves a block of a day's
 * numbers in a short transaction of its own and hands them out, so the day's counter row is not
 * held by every batch until it commits; numbers left in a block when the process stops are never
 * used (a gap in the day's sequence, never a duplicate). SQLite reserves exactly what each batch
 * needs inside its own transaction (one writer, no contention): no gaps.
 */
const BLOCK = 256;

/** After the chain was found moved, batches go the ordinary way for this long before chaining again. */
const CHAIN_PAUSE_MS = 1_000;

interface Block {
  next: number;
  last: number;
}

/** Each day's reserved, unused tracking numbers, with the next block fetched before it is needed. */
class TrackingNumbers {
  readonly #ctx: AppContext;
  readonly #blocks = new Map<string, Block[]>();
  readonly #fetching = new Map<string, Promise<void>>();

  constructor(ctx: AppContext) {
    this.#ctx = ctx;
  }

  async take(day: string, count: number): Promise<string[]> {
    while (this.#available(day) < count) await this.#fetch(day, Math.max(BLOCK, count));
    const numbers: string[] = [];
    const blocks = this.#blocks.get(day)!;
    while (numbers.length < count) {
      const block = blocks[0]!;
      numbers.push(trackingNumber(day, block.next++));
      if (block.next > block.last) blocks.shift();
    }
    // Refill in the background when half a block is left, so no batch waits for a reservation.
    if (this.#available(day) < BLOCK / 2) void this.#fetch(day, BLOCK).catch(() => undefined);
    for (const other of this.#blocks.keys()) if (other < day) this.#blocks.delete(other);
    return numbers;
  }

  #available(day: string): number {
    return (this.#blocks.get(day) ?? []).reduce((sum, b) => sum + b.last - b.next + 1, 0);
  }

  #fetch(day: string, size: number): Promise<void> {
    const running = this.#fetching.get(day);
    if (running) return running;
    const fetching = this.#ctx.db
      .transaction()
      .execute((trx) => repo.reserveSequence(trx, day, size))
      .then((last) => {
        this.#blocks.set(day, [...(this.#blocks.get(day) ?? []), { next: last - size + 1, last }]);
      })
      .finally(() => this.#fetching.delete(day));
    this.#fetching.set(day, fetching);
    return fetching;
  }
}

class IntakeWriter {
  readonly #ctx: AppContext;
  readonly #numbers: TrackingNumbers | null;
  #queue: Pending[] = [];
  #inFlight = 0;
  #scheduled = false;
  /** PostgreSQL: where the audit chain ends once the batches this instance sent are written. */
  #head: AuditHead | null = null;
  #chainPausedUntil = 0;

  constructor(ctx: AppContext) {
    this.#ctx = ctx;
    this.#numbers = ctx.dialect === 'postgres' ? new TrackingNumbers(ctx) : null;
  }

  submit(item: NewCase): Promise<string> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      this.#schedule();
    });
  }

  /** Start a batch after the requests that arrived together have been read, so they share it. */
  #schedule(): void {
    if (this.#scheduled || this.#queue.length === 0 || this.#inFlight >= this.#inFlightLimit()) return;
    this.#scheduled = true;
    const run = () => {
      // The database may ask for a moment without writes (SQLite: to finish a checkpoint).
      const pause = this.#ctx.writePause();
      if (pause) {
        void pause.then(run);
        return;
      }
      this.#scheduled = false;
      while (this.#queue.length > 0 && this.#inFlight < this.#inFlightLimit()) {
        const batch = this.#queue.splice(0, MAX_BATCH[this.#ctx.dialect]);
        this.#inFlight++;
        void this.#writeBatch(batch).finally(() => {
          this.#inFlight--;
          this.#schedule();
        });
      }
    };
    setImmediate(run);
  }

  /**
   * Chained batches go one at a time: a second one sent at once could reach the head row before the
   * first and find the chain not yet where it expects. One round trip each, they are quick.
   */
  #inFlightLimit(): number {
    return this.#chaining() ? 1 : IN_FLIGHT[this.#ctx.dialect];
  }

  #chaining(): boolean {
    return this.#head !== null && performance.now() >= this.#chainPausedUntil;
  }

  async #writeBatch(batch: Pending[]): Promise<void> {
    let written: { numbers: string[]; notes: OutgoingNotification[] };
    try {
      const items = batch.map((p) => p.item);
      const numbers = this.#numbers ? await this.#take(items) : null;
      if (numbers && (await this.#writeChained(items, numbers))) {
        batch.forEach((p, i) => p.resolve(numbers[i]!));
        return;
      }
      const result = await this.#ctx.db.transaction().execute((trx) => writeCases(trx, this.#ctx, items, numbers));
      if (this.#numbers && result.head && (!this.#head || result.head.seq > this.#head.seq)) this.#head = result.head;
      written = result;
    } catch (error) {
      if (batch.length === 1) batch[0]!.reject(error);
      else for (const p of batch) await this.#writeBatch([p]);
      return;
    }
    batch.forEach((p, i) => p.resolve(written.numbers[i]!));
    await deliver(this.#ctx, written.notes);
  }

  /** Write a batch in one statement after the chain's expected end; false if it must go the ordinary way. */
  async #writeChained(items: readonly NewCase[], numbers: readonly string[]): Promise<boolean> {
    const expected = this.#head;
    const plain = items.every((item) => item.photos.length === 0 && item.notifications.length === 0);
    if (!expected || !plain || !this.#chaining()) return false;
    const cases = items.map((item, i) => ({ ...item.row, tracking_no: numbers[i]! }));
    const { rows, end } = chainAuditEntries(expected, this.#ctx.clock.now().toISOString(), auditEntries(items, numbers));
    this.#head = end; // the next batch links to this one's end
    let appended = false;
    try {
      appended = await appendAuditAfter(
        this.#ctx.db,
        expected,
        rows,
        repo.newCaseWrites(
          cases,
          items.map((item) => item.event),
        ),
      );
    } finally {
      if (!appended) {
        if (this.#head === end) this.#head = null;
        this.#chainPausedUntil = performance.now() + CHAIN_PAUSE_MS;
      }
    }
    return appended;
  }

  async #take(items: readonly NewCase[]): Promise<string[]> {
    const numbers: string[] = new Array<string>(items.length);
    for (const [day, indexes] of byDay(items)) {
      const taken = await this.#numbers!.take(day, indexes.length);
      indexes.forEach((index, k) => (numbers[index] = taken[k]!));
    }
    return numbers;
  }
}

/** Item indexes by the day (China time) their tracking numbers count in. */
function byDay(items: readonly NewCase[]): Map<string, number[]> {
  const days = new Map<string, number[]>();
  items.forEach((item, i) => {
    const day = trackingDay(new Date(item.row.created_at));
    days.set(day, [...(days.get(day) ?? []), i]);
  });
  return days;
}

/** Write a batch in the caller's transaction; without `numbers`, reserve the tracking numbers in it. */
async function writeCases(
  trx: Db,
  ctx: AppContext,
  items: readonly NewCase[],
  numbers: readonly string[] | null,
): Promise<{ numbers: string[]; notes: OutgoingNotification[]; head: AuditHead | null }> {
  const assigned = numbers ? [...numbers] : new Array<string>(items.length);
  if (!numbers) {
    for (const [day, indexes] of byDay(items)) {
      const last = await repo.reserveSequence(trx, day, indexes.length);
      indexes.forEach((index, k) => (assigned[index] = trackingNumber(day, last - indexes.length + 1 + k)));
    }
  }
  await repo.insertNewCases(
    trx,
    ctx.dialect,
    items.map((item, i) => ({ ...item.row, tracking_no: assigned[i]! })),
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
  // Last, so that the chain's head is held for as short a time as possible.
  const head = await recordAuditBatch(trx, ctx, auditEntries(items, assigned));
  return { numbers: assigned, notes, head };
}

/** One audit entry per new case, with its tracking number. */
function auditEntries(items: readonly NewCase[], numbers: readonly string[]) {
  return items.map((item, i) => ({
    actor: item.actor,
    write: { ...item.audit, entityId: item.row.id, after: { ...(item.audit.after as Record<string, unknown>), trackingNo: numbers[i] } },
  }));
}

const writers = new WeakMap<AppContext, IntakeWriter>();

/** Write a new case (with the others waiting at this moment); resolves to its tracking number once committed. */
export function submitCase(ctx: AppContext, item: NewCase): Promise<string> {
  let writer = writers.get(ctx);
  if (!writer) writers.set(ctx, (writer = new IntakeWriter(ctx)));
  return writer.submit(item);
}
