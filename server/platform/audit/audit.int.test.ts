import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../testing/harness.ts';
import { verifyAudit } from './service.ts';

let t: TestApp;
let admin: Session;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.userSession('district_admin', ['510113000000']);
  for (const name of ['一', '二', '三']) {
    const res = await admin.post('/api/v1/regions', { parentCode: '510113002005', level: 'grid', name: `审计网格${name}` });
    expect(res.statusCode).toBe(201);
  }
});
afterAll(async () => t?.close());

describe('the audit log', () => {
  it('records who did what to which record, with before and after', async () => {
    const res = await admin.get('/api/v1/audit?entity=region&action=region.create');
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items).toHaveLength(3);
    expect(items[0]).toMatchObject({ action: 'region.create', entity: 'region', entityId: '51011300200503', actorName: admin.username });
    expect(items[0].after.name).toBe('审计网格三');
  });

  it('is only for district admins', async () => {
    const town = await t.userSession('town_admin', ['510113002000']);
    expect((await town.get('/api/v1/audit')).statusCode).toBe(403);
  });

  it('pages backwards by sequence', async () => {
    const first = (await admin.get('/api/v1/audit?limit=2')).json();
    expect(first.items).toHaveLength(2);
    const next = (await admin.get(`/api/v1/audit?limit=2&cursor=${first.nextCursor}`)).json();
    expect(next.items[0].seq).toBe(first.items[1].seq - 1);
  });

  it('verifies an intact chain, and detects a row edited behind its back', async () => {
    expect((await admin.get('/api/v1/audit/verify')).json()).toMatchObject({ ok: true });
    const victim = await t.gz.ctx.db.selectFrom('audit_log').select('seq').where('action', '=', 'region.create').orderBy('seq').executeTakeFirstOrThrow();
    await t.gz.ctx.db
      .updateTable('audit_log')
      .set({ after_json: JSON.stringify({ name: '被篡改' }) })
      .where('seq', '=', victim.seq)
      .execute();
    const check = (await admin.get('/api/v1/audit/verify')).json();
    expect(check).toMatchObject({ ok: false, brokenAt: victim.seq });
  });

  it('detects a deleted row', async () => {
    const t2 = await createTestApp();
    try {
      const a = await t2.userSession('district_admin', ['510113000000']);
      await a.post('/api/v1/regions', { parentCode: '510113002005', level: 'grid', name: '甲' });
      await a.post('/api/v1/regions', { parentCode: '510113002005', level: 'grid', name: '乙' });
      const rows = await t2.gz.ctx.db.selectFrom('audit_log').select('seq').orderBy('seq').execute();
      await t2.gz.ctx.db.deleteFrom('audit_log').where('seq', '=', rows[1]!.seq).execute();
      expect((await a.get('/api/v1/audit/verify')).json()).toMatchObject({ ok: false, reason: expect.stringContaining('missing') });
    } finally {
      await t2.close();
    }
  });

  it('detects entries deleted from the end of the chain', async () => {
    const t2 = await createTestApp();
    try {
      const a = await t2.userSession('district_admin', ['510113000000']);
      await a.post('/api/v1/regions', { parentCode: '510113002005', level: 'grid', name: '丙' });
      await a.post('/api/v1/regions', { parentCode: '510113002005', level: 'grid', name: '丁' });
      expect((await a.get('/api/v1/audit/verify')).json()).toMatchObject({ ok: true });
      const last = await t2.gz.ctx.db.selectFrom('audit_log').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
      await t2.gz.ctx.db.deleteFrom('audit_log').where('seq', '=', last.seq).execute();
      expect((await a.get('/api/v1/audit/verify')).json()).toMatchObject({ ok: false, brokenAt: last.seq, reason: expect.stringContaining('missing') });
    } finally {
      await t2.close();
    }
  });
});

describe('batches', () => {
  it('appends a batch that verifies like entries written one by one', async () => {
    const { recordAuditBatch } = await import('./service.ts');
    const { systemActor } = await import('../auth/actor.ts');
    const t3 = await createTestApp();
    try {
      const a = await t3.userSession('district_admin', ['510113000000']);
      const writes = Array.from({ length: 1500 }, (_, i) => ({ actor: systemActor, write: { action: 'case.report', entity: 'case', entityId: `c${i}`, after: { n: i } } }));
      await t3.gz.ctx.db.transaction().execute((trx) => recordAuditBatch(trx, t3.gz.ctx, writes));
      await a.post('/api/v1/regions', { parentCode: '510113002005', level: 'grid', name: '批后' });
      const check = (await a.get('/api/v1/audit/verify')).json();
      expect(check).toEqual({ ok: true, checked: 1502 });
    } finally {
      await t3.close();
    }
  });

  it('keeps one unbroken chain when writers append at the same time, including one that rolls back', async () => {
    const { recordAudit } = await import('./service.ts');
    const { systemActor } = await import('../auth/actor.ts');
    const t4 = await createTestApp();
    try {
      const before = (await verifyAudit(t4.gz.ctx.db)).checked;
      const write = (i: number) => ({ action: 'test.concurrent', entity: 'test', entityId: `w${i}` });
      const results = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) =>
          t4.gz.ctx.db.transaction().execute(async (trx) => {
            await recordAudit(trx, t4.gz.ctx, systemActor, write(i));
            if (i === 5) throw new Error('rolled back');
          }),
        ),
      );
      expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
      expect(await verifyAudit(t4.gz.ctx.db)).toEqual({ ok: true, checked: before + 11 });
    } finally {
      await t4.close();
    }
  });
});
