import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { systemActor } from '../auth/actor.ts';
import { readHead } from './repository.ts';
import { appendAuditAfter, chainAuditEntries, recordAudit, verifyAudit, type SameStatementWrite } from './service.ts';

/** Appending entries linked ahead, in one statement with other writes: PostgreSQL only (data-modifying WITH). */
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const entries = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ actor: systemActor, write: { action: 'test.chained', entity: 'test', entityId: `${prefix}${i}`, after: { i } } }));

/** A counter row written in the same statement, to see that the other writes land or not with the entries. */
const counter = (day: string): SameStatementWrite => ({ name: 'counter', write: (qc) => qc.insertInto('case_counters').values({ day, last: 1 }) });

const counterExists = async (day: string) => (await t.gz.ctx.db.selectFrom('case_counters').select('day').where('day', '=', day).execute()).length === 1;
const at = () => new Date().toISOString();

describe('appending after the expected end of the audit chain', () => {
  it('writes the entries and the other writes together when the chain ends where expected', async () => {
    const head = await readHead(t.gz.ctx.db);
    const { rows, end } = chainAuditEntries(head, at(), entries('a', 5));
    expect(await appendAuditAfter(t.gz.ctx.db, head, rows, [counter('chained-a')])).toBe(true);
    expect(await readHead(t.gz.ctx.db)).toEqual(end);
    expect(await counterExists('chained-a')).toBe(true);
    expect(await verifyAudit(t.gz.ctx.db)).toEqual({ ok: true, checked: end.seq });
  });

  it('writes nothing, and says so, when the chain has moved since', async () => {
    const stale = await readHead(t.gz.ctx.db);
    await t.gz.ctx.db.transaction().execute((trx) => recordAudit(trx, t.gz.ctx, systemActor, { action: 'test.other', entity: 'test', entityId: 'other' }));
    const moved = await readHead(t.gz.ctx.db);
    const { rows } = chainAuditEntries(stale, at(), entries('b', 3));
    expect(await appendAuditAfter(t.gz.ctx.db, stale, rows, [counter('chained-b')])).toBe(false);
    expect(await readHead(t.gz.ctx.db)).toEqual(moved);
    expect(await counterExists('chained-b')).toBe(false);
    expect(await verifyAudit(t.gz.ctx.db)).toEqual({ ok: true, checked: moved.seq });
  });

  it('writes nothing when another write in the statement fails, and throws its error', async () => {
    const head = await readHead(t.gz.ctx.db);
    const { rows } = chainAuditEntries(head, at(), entries('c', 2));
    // The counter row for 'chained-a' exists already: a duplicate key.
    await expect(appendAuditAfter(t.gz.ctx.db, head, rows, [counter('chained-a')])).rejects.toMatchObject({ code: '23505' });
    expect(await readHead(t.gz.ctx.db)).toEqual(head);
    expect(await verifyAudit(t.gz.ctx.db)).toEqual({ ok: true, checked: head.seq });
  });

  it('finds the chain moved, and writes nothing, when the batch it links to has not committed yet (so chained batches go one at a time)', async () => {
    const head = await readHead(t.gz.ctx.db);
    const first = chainAuditEntries(head, at(), entries('d', 20));
    const second = chainAuditEntries(first.end, at(), entries('e', 3));
    const secondResult = await t.gz.ctx.db.transaction().execute(async (trx) => {
      expect(await appendAuditAfter(trx, head, first.rows, [])).toBe(true);
      // The first batch is written but not committed: the second cannot see where it ends.
      return appendAuditAfter(t.gz.ctx.db, first.end, second.rows, [counter('chained-e')]);
    });
    expect(secondResult).toBe(false);
    expect(await readHead(t.gz.ctx.db)).toEqual(first.end);
    expect(await counterExists('chained-e')).toBe(false);
    // Sent again after the first committed, it is appended.
    expect(await appendAuditAfter(t.gz.ctx.db, first.end, second.rows, [counter('chained-e')])).toBe(true);
    expect(await verifyAudit(t.gz.ctx.db)).toEqual({ ok: true, checked: second.end.seq });
  });
});
