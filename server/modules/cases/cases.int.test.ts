import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openGongzhi } from '../../app.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { verifyAudit } from '../../platform/audit/service.ts';
import type { Clock } from '../../platform/clock.ts';
import { badInputCases, expectRejectedWithoutWrites } from '../../testing/bad-input.ts';
import { countRows, createTestApp, type Session, type TestApp } from '../../testing/harness.ts';
import { createArea } from '../regions/service.ts';
import { useNotificationChannels, type OutgoingNotification } from './notifications.ts';
import {
  createMicroGrids,
  fromNewAddress,
  garbage,
  IN_A,
  IN_B,
  JPEG,
  MICRO_A,
  MICRO_B,
  multipart,
  NO_MICRO_GRID,
  ON_SHARED_EDGE,
  OUTSIDE,
  member,
  people,
  PNG,
  report,
  storedFiles,
  TOWN,
  type People,
} from './testing.ts';

let t: TestApp;
let p: People;
const delivered: OutgoingNotification[] = [];
const CASE_TABLES = ['cases', 'case_events', 'case_photos', 'audit_log'];

beforeAll(async () => {
  t = await createTestApp({ clock: '2026-03-02T01:00:00Z' });
  await createMicroGrids(t);
  p = await people(t);
  useNotificationChannels(t.gz.ctx, [{ name: 'test', deliver: async (_ctx, n) => void delivered.push(n) }]);
});
afterAll(async () => t?.close());

const clock = () => t.clock as Clock & { set(at: string): void; advance(ms: number): void };
const counts = () => Promise.all(CASE_TABLES.map((table) => countRows(t, table)));

interface Reported {
  id: string;
  trackingNo: string;
  reporterToken: string;
  region: { code: string; level: string };
  routedBy: string;
}

async function newCase(payload: Record<string, unknown> = garbage()): Promise<Reported> {
  const res = await report(t, payload);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Reported;
}

async function detail(s: Session, id: string) {
  const res = await s.get(`/api/v1/cases/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function act(s: Session, id: string, action: string, body: Record<string, unknown> = {}) {
  const version = (await detail(s, id)).version as number;
  return s.post(`/api/v1/cases/${id}/actions/${action}`, { version, ...body });
}

async function must(s: Session, id: string, action: string, body: Record<string, unknown> = {}) {
  const res = await act(s, id, action, body);
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json();
}

/** Reported → accepted → dispatched to worker A → handled. */
const HANDLING_NOTES = '已清运，垃圾点已消毒';

async function handledCase(payload?: Record<string, unknown>) {
  const c = await newCase(payload);
  await must(p.workerA, c.id, 'accept');
  await must(p.village, c.id, 'dispatch', { assignee: { kind: 'member', id: p.memberA } });
  await must(p.workerA, c.id, 'handle', { notes: HANDLING_NOTES });
  return c;
}

describe('reporting a problem', () => {
  it('lists the categories a resident can choose, with their extra questions', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/public/categories' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { code: string; reportable: boolean; attributes: { code: string }[] }[];
    expect(items.find((c) => c.code === 'sanitation')?.reportable).toBe(false);
    expect(items.find((c) => c.code === 'sanitation.garbage')?.reportable).toBe(true);
    expect(items.find((c) => c.code === 'safety.fire')?.attributes.map((a) => a.code)).toEqual(['hazard_level']);
  });

  it('takes a report without sign-in, routes it to its micro-grid and returns a tracking number and a secret', async () => {
    const before = await counts();
    const c = await newCase(garbage(IN_A, { phone: '13800138000', address: '怡湖路 8 号' }));
    expect(c.trackingNo).toMatch(/^QBJ-20260302-\d{6}$/);
    expect(c.reporterToken.length).toBeGreaterThan(20);
    expect(c.region).toMatchObject({ code: MICRO_A, level: 'micro_grid' });
    expect(c.routedBy).toBe('polygon');
    expect(await counts()).toEqual([before[0]! + 1, before[1]! + 1, before[2], before[3]! + 1]);
    const audit = await t.gz.ctx.db.selectFrom('audit_log').selectAll().where('entity_id', '=', c.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['case.report']);
    expect(audit[0]!.after_json).not.toContain('13800138000');
  });

  it('numbers the reports of a day one after another', async () => {
    const a = await newCase();
    const b = await newCase();
    expect(Number(b.trackingNo.slice(-6))).toBe(Number(a.trackingNo.slice(-6)) + 1);
  });

  it('writes reports arriving together: numbered without gaps, each audited, the audit chain intact', async () => {
    const results = await Promise.all(Array.from({ length: 40 }, () => report(t, garbage())));
    expect(results.every((r) => r.statusCode === 201)).toBe(true);
    const numbers = results.map((r) => Number((r.json() as Reported).trackingNo.slice(-6))).sort((a, b) => a - b);
    expect(numbers.at(-1)! - numbers[0]!).toBe(39);
    const ids = results.map((r) => (r.json() as Reported).id);
    const audited = await t.gz.ctx.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'case.report').where('entity_id', 'in', ids).execute();
    expect(audited).toHaveLength(40);
    expect(await verifyAudit(t.gz.ctx.db)).toMatchObject({ ok: true });
  });

  it('holds new reports while the database asks for a pause, and writes them when it ends', async () => {
    let end = () => {};
    const pause = new Promise<void>((resolve) => (end = resolve));
    const ctx = t.gz.ctx;
    const own = ctx.writePause;
    ctx.writePause = () => pause;
    try {
      const count = async () => Number((await ctx.db.selectFrom('cases').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const before = await count();
      let answered = 0;
      const pending = Promise.all(Array.from({ length: 3 }, () => report(t, garbage()).then((r) => (answered++, r))));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(answered).toBe(0);
      expect(await count()).toBe(before);
      ctx.writePause = own;
      end();
      const results = await pending;
      expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201]);
      expect(await count()).toBe(before + 3);
    } finally {
      ctx.writePause = own;
      end();
    }
  });

  it('writes reports arriving at two app instances on one database: every tracking number once, the audit chain intact', async () => {
    const second = await openGongzhi({ config: t.gz.ctx.config, clock: t.clock, logLevel: 'silent', migrate: false, poolSize: 4 });
    try {
      const secondApp = await second.http();
      const viaSecond = (i: number) =>
        secondApp.inject({ method: 'POST', url: '/api/v1/public/cases', payload: garbage(), headers: { 'x-forwarded-for': `10.9.${i >> 8}.${i & 255}` } });
      const results = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? report(t, garbage()) : viaSecond(i))));
      expect(results.map((r) => r.statusCode)).toEqual(Array.from({ length: 60 }, () => 201));
      const numbers = results.map((r) => (r.json() as Reported).trackingNo);
      expect(new Set(numbers).size).toBe(60);
      const stored = await t.gz.ctx.db.selectFrom('cases').select('tracking_no').where('tracking_no', 'in', numbers).execute();
      expect(stored).toHaveLength(60);
      expect(await verifyAudit(t.gz.ctx.db)).toMatchObject({ ok: true });
    } finally {
      await second.close();
    }
  });

  it('writes reports taking turns between two app instances, each finding the audit chain moved by the other', async () => {
    const second = await openGongzhi({ config: t.gz.ctx.config, clock: t.clock, logLevel: 'silent', migrate: false, poolSize: 4 });
    try {
      const secondApp = await second.http();
      const numbers: string[] = [];
      for (let i = 0; i < 12; i++) {
        const res =
          i % 2 === 0
            ? await report(t, garbage())
            : await secondApp.inject({ method: 'POST', url: '/api/v1/public/cases', payload: garbage(), headers: { 'x-forwarded-for': `10.8.0.${i}` } });
        expect(res.statusCode, res.body).toBe(201);
        numbers.push((res.json() as Reported).trackingNo);
      }
      expect(new Set(numbers).size).toBe(12);
      const audited = await t.gz.ctx.db.selectFrom('audit_log').select('after_json').where('action', '=', 'case.report').orderBy('seq', 'desc').limit(12).execute();
      expect(audited.map((a) => (JSON.parse(a.after_json!) as { trackingNo: string }).trackingNo).reverse()).toEqual(numbers);
      expect(await verifyAudit(t.gz.ctx.db)).toMatchObject({ ok: true });
    } finally {
      await second.close();
    }
  });

  it('routes a point on the edge two micro-grids share to one of them, the same every time', async () => {
    const c = await newCase(garbage(ON_SHARED_EDGE));
    expect(c.region.code).toBe(MICRO_A);
    expect((await newCase(garbage(IN_B))).region.code).toBe(MICRO_B);
  });

  it('sends a point no micro-grid covers to the nearest town for triage', async () => {
    const c = await newCase(garbage(NO_MICRO_GRID));
    expect(c.region).toMatchObject({ code: TOWN, level: 'town' });
    expect(c.routedBy).toBe('town_seat');
  });

  it('picks up a micro-grid drawn after the index was built', async () => {
    const here = { lat: 30.8805, lng: 104.2505 };
    expect((await newCase(garbage(here))).region.level).toBe('town');
    const square = { type: 'Polygon' as const, coordinates: [[[104.25, 30.88], [104.251, 30.88], [104.251, 30.881], [104.25, 30.881], [104.25, 30.88]]] };
    await createArea(t.gz.ctx, systemActor, { parentCode: '510113002001', level: 'grid', name: '新画网格', code: '51011300200102', geometry: square });
    await createArea(t.gz.ctx, systemActor, { parentCode: '51011300200102', level: 'micro_grid', name: '新画微网格', code: '5101130020010201', geometry: square });
    // Each process checks the regions' change stamp every couple of seconds, then rebuilds.
    await vi.waitFor(async () => expect((await newCase(garbage(here))).region.code).toBe('5101130020010201'), { timeout: 10_000, interval: 500 });
  });

  it('refuses a point outside the district with 422 and writes nothing', async () => {
    const before = await counts();
    const res = await report(t, garbage(OUTSIDE));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('unprocessable');
    expect(await counts()).toEqual(before);
  });

  describe('refuses bad input with 4xx and writes nothing', () => {
    const cases = badInputCases(garbage(), { lat: 'north', description: 42 });
    for (const bad of cases) {
      it(bad.name, async () => {
        const before = await counts();
        const res = await fromNewAddress(t, { method: 'POST', url: '/api/v1/public/cases', payload: bad.payload, headers: { 'content-type': bad.contentType } });
        expect(res.statusCode, res.body.slice(0, 200)).toBe(bad.status);
        expect(res.json().error.code).toBe(bad.code);
        expect(await counts()).toEqual(before);
      });
    }

    it.each([
      ['an unknown category', { category: 'weather.rain' }, 400, 'validation_failed'],
      ['a parent category', { category: 'sanitation' }, 400, 'validation_failed'],
      ['a missing required answer', { category: 'safety.fire' }, 400, 'validation_failed'],
      ['an answer not in the list', { category: 'safety.fire', attributes: { hazard_level: '9' } }, 400, 'validation_failed'],
      ['an invalid phone number', { phone: '12345' }, 400, 'validation_failed'],
      ['a latitude out of range', { lat: 91 }, 400, 'validation_failed'],
    ])('%s', async (_name, change, status, code) => {
      const before = await counts();
      const res = await report(t, { ...garbage(), ...change });
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.code).toBe(code);
      expect(await counts()).toEqual(before);
    });
  });

  it('limits reports from one address', async () => {
    const ip = { 'x-forwarded-for': '192.0.2.77' };
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      statuses.push((await t.request({ method: 'POST', url: '/api/v1/public/cases', payload: { nothing: true }, headers: ip })).statusCode);
    }
    expect(statuses.slice(0, 20).every((s) => s === 400)).toBe(true);
    expect(statuses[20]).toBe(429);
  });
});

describe('staff reporting (grid workers, and staff entering a caller’s report)', () => {
  it('takes a grid worker’s report and a village cadre’s, each marked with its source and on its timeline', async () => {
    const byWorker = await p.workerA.post('/api/v1/cases', garbage(IN_A, { description: '巡查发现垃圾堆积' }));
    expect(byWorker.statusCode, byWorker.body).toBe(201);
    expect(byWorker.json()).toMatchObject({ trackingNo: expect.any(String), region: { code: MICRO_A }, withinScope: true });
    const workerCase = await detail(p.workerA, byWorker.json().id);
    expect(workerCase.source).toBe('grid_worker');
    expect(workerCase.timeline[0]).toMatchObject({ action: 'report', actor: { role: 'grid_worker' } });

    const forCaller = await p.village.post('/api/v1/cases', garbage(IN_B, { description: '居民来电：路灯不亮', name: '  王秀英 ', phone: '13600001111' }));
    expect(forCaller.statusCode, forCaller.body).toBe(201);
    const callerCase = await detail(p.village, forCaller.json().id);
    expect(callerCase).toMatchObject({ source: 'staff', reporterName: '王秀英', reporterPhone: '13600001111', region: { code: MICRO_B } });
    // The caller's name is personal data: kept encrypted, masked for roles that may not see it.
    const stored = await t.gz.ctx.db.selectFrom('cases').select('reporter_name_enc').where('id', '=', forCaller.json().id).executeTakeFirstOrThrow();
    expect(stored.reporter_name_enc).not.toContain('王秀英');
    expect(await detail(p.workerB, forCaller.json().id)).toMatchObject({ reporterName: '王**', reporterPhone: '136****1111' });
    // The public tracking page shows it by its number like any other report, without the caller.
    const tracked = await t.request({ method: 'GET', url: `/api/v1/public/cases/${forCaller.json().trackingNo}` });
    expect(tracked.statusCode).toBe(200);
    expect(tracked.body).not.toContain('王');
    expect(tracked.body).not.toContain('1111');
  });

  it('tells staff when a report lands outside their own area, which they cannot then open', async () => {
    const res = await p.workerA.post('/api/v1/cases', garbage(IN_B, { description: '邻格巡查时发现' }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ region: { code: MICRO_B }, withinScope: false });
    expect((await p.workerA.get(`/api/v1/cases/${res.json().id}`)).statusCode).toBe(404);
    expect((await report(t, garbage(IN_B))).json().withinScope).toBeNull(); // a resident has no area
  });

  it('audits the unmasked read of a caller’s name given without a phone', async () => {
    const res = await p.village.post('/api/v1/cases', garbage(IN_A, { description: '来电反映噪音', name: '李先生' }));
    expect(res.statusCode, res.body).toBe(201);
    expect((await detail(p.workerA, res.json().id)).reporterName).toBe('李**');
    expect((await detail(p.village, res.json().id)).reporterName).toBe('李先生');
    const reads = await t.gz.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', res.json().id).where('action', '=', 'case.reporter.read').execute();
    expect(reads).toHaveLength(1);
  });

  it('is for staff only: 401 without sign-in, 403 for other roles, nothing written', async () => {
    const liaison = await t.userSession('org_liaison', ['510113000000']);
    const before = await counts();
    expect((await t.request({ method: 'POST', url: '/api/v1/cases', payload: garbage() })).statusCode).toBe(401);
    const refused = await liaison.post('/api/v1/cases', garbage());
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('forbidden');
    expect(await counts()).toEqual(before);
  });

  describe('refuses bad input with 4xx and writes nothing', () => {
    for (const bad of badInputCases(garbage(), { lat: 'north', description: 42 })) {
      it(bad.name, async () => expectRejectedWithoutWrites(t, p.workerA, { method: 'POST', url: '/api/v1/cases' }, bad, CASE_TABLES));
    }
    it('a caller’s name over 40 characters', async () => {
      const before = await counts();
      const res = await p.village.post('/api/v1/cases', garbage(IN_A, { name: '名'.repeat(41) }));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual([expect.objectContaining({ path: 'name' })]);
      expect(await counts()).toEqual(before);
    });
    it('a point outside the district', async () => {
      const before = await counts();
      const res = await p.workerA.post('/api/v1/cases', garbage(OUTSIDE));
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe('unprocessable');
      expect(await counts()).toEqual(before);
    });
  });
});

describe('photos', () => {
  const form = (files: { name: string; data: Buffer; type?: string }[]) =>
    multipart({ category: 'sanitation.garbage', description: '垃圾堆积带照片', lat: String(IN_A.lat), lng: String(IN_A.lng), phone: '13800138001' }, files);

  it('takes up to six photos with a report, recognised by their bytes and stored once by content', async () => {
    const body = await form([
      { name: 'a.jpg', data: JPEG },
      { name: 'b.png', data: PNG, type: 'image/png' },
      { name: 'same-as-a.jpg', data: JPEG },
    ]);
    const res = await fromNewAddress(t, { method: 'POST', url: '/api/v1/public/cases', ...body });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().photos).toBe(3);
    const rows = await t.gz.ctx.db.selectFrom('case_photos').selectAll().where('case_id', '=', res.json().id).execute();
    expect(rows.map((r) => r.mime).sort()).toEqual(['image/jpeg', 'image/png']);
    const files = storedFiles(t);
    for (const r of rows) expect(files.some((f) => f.endsWith(r.hash) && f.includes(`${r.hash.slice(0, 2)}/${r.hash.slice(2, 4)}/`))).toBe(true);
  });

  it.each([
    ['a text file renamed to .jpg', [{ name: 'a.jpg', data: JPEG }, { name: 'notes.jpg', data: Buffer.from('not a picture at all') }], 415],
    ['a 20 MB image', [{ name: 'huge.jpg', data: Buffer.concat([JPEG, Buffer.alloc(20 * 1024 * 1024)]) }], 413],
    ['a seventh photo', Array.from({ length: 7 }, (_, i) => ({ name: `${i}.jpg`, data: Buffer.concat([JPEG, Buffer.from(`photo ${i}`)]) })), 413],
  ])('refuses %s and stores nothing', async (_name, files, status) => {
    const before = await counts();
    const filesBefore = storedFiles(t);
    const res = await fromNewAddress(t, { method: 'POST', url: '/api/v1/public/cases', ...(await form(files)) });
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error.message.length).toBeGreaterThan(0);
    if (status === 413) expect(res.json().error.message).toMatch(/10 MB|6 张/);
    expect(await counts()).toEqual(before);
    expect(storedFiles(t)).toEqual(filesBefore);
  });

  it('takes handling photos from the assignee and shows them to staff in scope only', async () => {
    const c = await newCase();
    await must(p.workerA, c.id, 'accept');
    await must(p.village, c.id, 'dispatch', { assignee: { kind: 'member', id: p.memberA } });
    const upload = await p.workerA.request({ method: 'POST', url: `/api/v1/cases/${c.id}/photos`, ...(await multipart({}, [{ name: 'after.png', data: PNG, type: 'image/png' }])) });
    expect(upload.statusCode, upload.body).toBe(201);
    const hash = upload.json().photos[0].hash as string;
    const handled = await must(p.workerA, c.id, 'handle', { notes: '已清运', photos: [hash] });
    expect(handled.handling).toEqual({ notes: '已清运', photos: [hash] });
    const photo = await p.village.get(`/api/v1/cases/${c.id}/photos/${hash}`);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    expect(Buffer.from(photo.rawPayload).equals(PNG)).toBe(true);
    expect((await p.workerB.get(`/api/v1/cases/${c.id}/photos/${hash}`)).statusCode).toBe(404);
  });

  describe('handling photos', () => {
    const photo = (i: number) => ({ name: `h${i}.jpg`, data: Buffer.concat([JPEG, Buffer.from(`handling ${i} ${Math.random()}`)]) });
    const upload = async (s: Session, id: string, files: { name: string; data: Buffer; type?: string }[]) =>
      s.request({ method: 'POST', url: `/api/v1/cases/${id}/photos`, ...(await multipart({}, files)) });
    const dispatched = async () => {
      const c = await newCase();
      await must(p.workerA, c.id, 'accept');
      await must(p.village, c.id, 'dispatch', { assignee: { kind: 'member', id: p.memberA } });
      return c;
    };

    it.each([
      ['a text file renamed to .jpg', () => [{ name: 'notes.jpg', data: Buffer.from('not a picture at all') }], 415],
      ['a 20 MB image', () => [{ name: 'huge.jpg', data: Buffer.concat([JPEG, Buffer.alloc(20 * 1024 * 1024)]) }], 413],
      ['a seventh photo in one request', () => Array.from({ length: 7 }, (_, i) => photo(i)), 413],
    ])('refuses %s and stores nothing', async (_name, files, status) => {
      const c = await dispatched();
      const before = await counts();
      const filesBefore = storedFiles(t);
      const res = await upload(p.workerA, c.id, files());
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.message.length).toBeGreaterThan(0);
      expect(await counts()).toEqual(before);
      expect(storedFiles(t)).toEqual(filesBefore);
    });

    it('counts the photos already uploaded: the seventh is refused and stores nothing', async () => {
      const c = await dispatched();
      expect((await upload(p.workerA, c.id, [photo(1), photo(2), photo(3), photo(4)])).statusCode).toBe(201);
      expect((await upload(p.workerA, c.id, [photo(5), photo(6)])).statusCode).toBe(201);
      const before = await counts();
      const filesBefore = storedFiles(t);
      const seventh = await upload(p.workerA, c.id, [photo(7)]);
      expect(seventh.statusCode).toBe(413);
      expect(seventh.json().error.message).toContain('已有 6 张');
      expect(await counts()).toEqual(before);
      expect(storedFiles(t)).toEqual(filesBefore);
    });

    it('lets two uploads at once add at most six between them', async () => {
      const c = await dispatched();
      const results = await Promise.all([upload(p.workerA, c.id, [photo(1), photo(2), photo(3), photo(4)]), upload(p.workerA, c.id, [photo(5), photo(6), photo(7)])]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 413]);
      const rows = await t.gz.ctx.db.selectFrom('case_photos').select('hash').where('case_id', '=', c.id).where('stage', '=', 'handling').execute();
      expect(rows.length).toBeLessThanOrEqual(6);
    });

    it('takes them only from the assignee, and only while the case is with them', async () => {
      const c = await newCase();
      await must(p.workerA, c.id, 'accept');
      const early = await upload(p.workerA, c.id, [photo(1)]);
      expect(early.statusCode).toBe(409);
      expect(early.json().error.code).toBe('conflict');
      await must(p.village, c.id, 'dispatch', { assignee: { kind: 'member', id: p.memberA } });
      const notAssignee = await upload(p.village, c.id, [photo(2)]);
      expect(notAssignee.statusCode).toBe(403);
      expect(notAssignee.json().error.code).toBe('forbidden');
      expect((await upload(p.workerB, c.id, [photo(3)])).statusCode).toBe(404); // out of scope
      expect((await t.gz.ctx.db.selectFrom('case_photos').select('hash').where('case_id', '=', c.id).execute()).length).toBe(0);
    });

    it('refuses a body that is not a multipart form, and a photo name that is not a hash', async () => {
      const c = await dispatched();
      const json = await p.workerA.post(`/api/v1/cases/${c.id}/photos`, { photos: [] });
      expect(json.statusCode).toBeGreaterThanOrEqual(400);
      expect(json.statusCode).toBeLessThan(500);
      expect(json.json().error.message.length).toBeGreaterThan(0);
      const empty = await upload(p.workerA, c.id, []);
      expect(empty.statusCode).toBe(400);
      expect(empty.json().error.code).toBe('validation_failed');
      const badHash = await p.workerA.get(`/api/v1/cases/${c.id}/photos/not-a-hash`);
      expect(badHash.statusCode).toBe(400);
      expect(badHash.json().error.code).toBe('validation_failed');
      expect((await p.workerA.get(`/api/v1/cases/${c.id}/photos/${'b'.repeat(64)}`)).statusCode).toBe(404);
    });
  });

  it('refuses a handling that names a photo not uploaded to the case', async () => {
    const c = await newCase();
    await must(p.workerA, c.id, 'accept');
    await must(p.village, c.id, 'dispatch', { assignee: { kind: 'member', id: p.memberA } });
    const res = await act(p.workerA, c.id, 'handle', { notes: '已处置', photos: ['a'.repeat(64)] });
    expect(res.statusCode).toBe(422);
    expect((await detail(p.workerA, c.id)).status).toBe('dispatched');
  });
});

describe('before reporting: open cases of the same category nearby', () => {
  it('lists them within 100 m, nearest first, and nothing farther or of another category', async () => {
    const here = { lat: 30.8958, lng: 104.2645 };
    const c = await newCase(garbage(here));
    const near = await t.request({ method: 'GET', url: `/api/v1/public/cases/nearby?lat=${here.lat + 0.0004}&lng=${here.lng}&category=sanitation.garbage` });
    expect(near.statusCode).toBe(200);
    expect(near.json().items[0]).toMatchObject({ trackingNo: c.trackingNo, status: 'reported' });
    expect(near.json().items[0].distanceMeters).toBeLessThanOrEqual(50);
    const far = await t.request({ method: 'GET', url: `/api/v1/public/cases/nearby?lat=${here.lat + 0.0015}&lng=${here.lng}&category=sanitation.garbage` });
    expect(far.json().items.map((i: { trackingNo: string }) => i.trackingNo)).not.toContain(c.trackingNo);
    const other = await t.request({ method: 'GET', url: `/api/v1/public/cases/nearby?lat=${here.lat}&lng=${here.lng}&category=roads.pavement` });
    expect(other.json().items.map((i: { trackingNo: string }) => i.trackingNo)).not.toContain(c.trackingNo);
  });

  it('never lists disputes (they would point at a household), unless an admin says so for a kind', async () => {
    const here = { lat: 30.8952, lng: 104.2641 };
    const family = await newCase({ ...garbage(here), category: 'dispute.family', description: '夫妻争吵需要调解' });
    const url = `/api/v1/public/cases/nearby?lat=${here.lat}&lng=${here.lng}&category=dispute.family`;
    const hidden = (await t.request({ method: 'GET', url })).json();
    expect(hidden).toMatchObject({ listed: false, items: [] });
    const category = (await p.admin.get('/api/v1/case-categories')).json().items.find((c: { code: string }) => c.code === 'dispute.family');
    expect(category.listNearby).toBe(false);
    expect((await p.admin.patch('/api/v1/case-categories/dispute.family', { version: category.version, listNearby: true })).statusCode).toBe(200);
    const listed = (await t.request({ method: 'GET', url })).json();
    expect(listed.listed).toBe(true);
    expect(listed.items.map((i: { trackingNo: string }) => i.trackingNo)).toContain(family.trackingNo);
  });

  it('refuses coordinates that are not numbers', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/public/cases/nearby?lat=abc&lng=104&category=x' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });
});

describe('public tracking', () => {
  it('shows status and a public timeline with nothing personal', async () => {
    const c = await newCase(garbage(IN_A, { phone: '13912345678', description: '张三家门口垃圾没人清理' }));
    await must(p.workerA, c.id, 'accept');
    const res = await t.request({ method: 'GET', url: `/api/v1/public/cases/${c.trackingNo}` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ trackingNo: c.trackingNo, status: 'accepted', open: true, own: null });
    expect(body.timeline.map((e: { action: string }) => e.action)).toEqual(['report', 'accept']);
    expect(res.body).not.toContain('1391234');
    expect(res.body).not.toContain('张三');
    expect(res.body).not.toContain(p.workerA.username);
  });

  it('shows the reporter their own report with the secret, and not with a wrong one', async () => {
    const c = await newCase();
    const own = await t.request({ method: 'GET', url: `/api/v1/public/cases/${c.trackingNo}?token=${c.reporterToken}` });
    expect(own.json().own).toEqual({ description: '路边垃圾堆积，气味很大', canVerify: false, handlingNotes: null });
    const wrong = await t.request({ method: 'GET', url: `/api/v1/public/cases/${c.trackingNo}?token=${'x'.repeat(24)}` });
    expect(wrong.json().own).toBeNull();
  });

  it('answers 404 for an unknown number and 400 for something that is not one', async () => {
    expect((await t.request({ method: 'GET', url: '/api/v1/public/cases/QBJ-20200101-999999' })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: '/api/v1/public/cases/hello' })).statusCode).toBe(400);
  });
});

describe('handling a case', () => {
  it('goes from report to closure, with the reporter verifying, every step on the timeline', async () => {
    const c = await handledCase();
    const wrong = await fromNewAddress(t, { method: 'POST', url: `/api/v1/public/cases/${c.trackingNo}/verify`, payload: { token: 'x'.repeat(24), result: 'pass' } });
    expect(wrong.statusCode).toBe(403);
    const tracking = await t.request({ method: 'GET', url: `/api/v1/public/cases/${c.trackingNo}?token=${c.reporterToken}` });
    expect(tracking.json().own.canVerify).toBe(true);
    // Asked whether it is solved, the reporter sees what was done; without the secret, nobody does.
    expect(tracking.json().own.handlingNotes).toBe(HANDLING_NOTES);
    expect((await t.request({ method: 'GET', url: `/api/v1/public/cases/${c.trackingNo}` })).body).not.toContain(HANDLING_NOTES);
    const verified = await fromNewAddress(t, { method: 'POST', url: `/api/v1/public/cases/${c.trackingNo}/verify`, payload: { token: c.reporterToken, result: 'pass' } });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json()).toMatchObject({ status: 'closed', open: false });
    const d = await detail(p.village, c.id);
    expect(d.timeline.map((e: { action: string }) => e.action)).toEqual(['report', 'accept', 'dispatch', 'handle', 'verify_pass', 'close']);
    expect(d.timeline[4].actor.role).toBe('reporter');
    expect(d.timeline[5].actor.role).toBe('system');
    expect(d).toMatchObject({ status: 'closed', closedOnTime: true, availableActions: [] });
    const audit = await t.gz.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', c.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['case.report', 'case.accept', 'case.dispatch', 'case.handle', 'case.verify_pass']);
  });

  it('sends a failed verification back to the assignee', async () => {
    const c = await handledCase();
    const failed = await fromNewAddress(t, { method: 'POST', url: `/api/v1/public/cases/${c.trackingNo}/verify`, payload: { token: c.reporterToken, result: 'fail', reason: '垃圾还在' } });
    expect(failed.statusCode, failed.body).toBe(200);
    expect(failed.json().status).toBe('dispatched');
    const d = await detail(p.workerA, c.id);
    expect(d.availableActions).toContain('handle');
    expect(delivered.some((n) => n.caseId === c.id && n.kind === 'verify_failed')).toBe(true);
  });

  describe('refuses a bad verification with 4xx and changes nothing', () => {
    let c: Reported;
    beforeAll(async () => {
      c = await handledCase();
    });
    const valid = () => ({ token: c.reporterToken, result: 'pass' });
    for (const bad of badInputCases({ token: 'x'.repeat(24), result: 'pass' }, { result: 'maybe', token: 7 })) {
      it(bad.name, async () => {
        const before = await counts();
        const payload = bad.name === 'an unknown field' || bad.name === 'an oversized body' ? JSON.stringify({ ...valid(), ...JSON.parse(bad.payload), token: c.reporterToken }) : bad.payload;
        const res = await fromNewAddress(t, { method: 'POST', url: `/api/v1/public/cases/${c.trackingNo}/verify`, payload, headers: { 'content-type': bad.contentType } });
        expect(res.statusCode, res.body.slice(0, 200)).toBe(bad.status);
        expect(res.json().error.code).toBe(bad.code);
        expect(await counts()).toEqual(before);
        expect((await detail(p.village, c.id)).status).toBe('handled');
      });
    }
    it('a tracking number that is not one, and an unknown one', async () => {
      const bad = await fromNewAddress(t, { method: 'POST', url: '/api/v1/public/cases/not-a-number/verify', payload: valid() });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('validation_failed');
      const unknown = await fromNewAddress(t, { method: 'POST', url: `/api/v1/public/cases/${c.trackingNo.replace(/\d{4}$/, '9999')}/verify`, payload: valid() });
      expect(unknown.statusCode).toBe(404);
    });
  });

  it('lets a grid worker verify (not the assignee) and then close in one more tap', async () => {
    const c = await handledCase();
    const self = await act(p.workerA, c.id, 'verify_pass');
    expect(self.statusCode).toBe(403);
    await must(p.village, c.id, 'verify_pass');
    const closed = await must(p.workerA, c.id, 'close');
    expect(closed.status).toBe('closed');
  });

  it('records rejection with its reason, shown to the public', async () => {
    const c = await newCase();
    expect((await act(p.workerA, c.id, 'reject', {})).statusCode).toBe(422);
    await must(p.workerA, c.id, 'reject', { reason: '重复上报' });
    const pub = (await t.request({ method: 'GET', url: `/api/v1/public/cases/${c.trackingNo}` })).json();
    expect(pub.status).toBe('rejected');
    expect(pub.timeline[1]).toMatchObject({ action: 'reject', note: '重复上报' });
  });

  it('returns, extends (decided a level up), suspends and resumes', async () => {
    const c = await newCase();
    await must(p.workerA, c.id, 'accept');
    await must(p.village, c.id, 'dispatch', { assignee: { kind: 'member', id: p.memberA } });
    await must(p.workerA, c.id, 'return', { reason: '不属于本人职责' });
    expect((await detail(p.village, c.id)).status).toBe('accepted');
    // Dispatched to the grid's office: a worker whose scope is the grid acts for it.
    const office = await t.userSession('grid_worker', ['51011300200101']);
    await must(p.village, c.id, 'dispatch', { assignee: { kind: 'unit', id: '51011300200101' } });
    expect((await detail(office, c.id)).availableActions).toEqual(expect.arrayContaining(['handle', 'return', 'request_extension']));
    await must(p.village, c.id, 'dispatch', { assignee: { kind: 'member', id: p.memberA } });
    const requested = await must(p.workerA, c.id, 'request_extension', { reason: '等待物业配合', amount: { unit: 'days', amount: 2 } });
    expect(requested.extension).toMatchObject({ amount: { unit: 'days', amount: 2 } });
    const deadline = requested.deadline as string;
    const approved = await must(p.village, c.id, 'approve_extension');
    expect(Date.parse(approved.deadline)).toBeGreaterThan(Date.parse(deadline));
    expect((await act(p.village, c.id, 'suspend', { reason: '等待司法鉴定' })).statusCode).toBe(403);
    await must(p.town, c.id, 'suspend', { reason: '等待司法鉴定' });
    // Suspended, the clock is stopped: the tracking page shows no time limit.
    const tracked = (await t.request({ method: 'GET', url: `/api/v1/public/cases/${c.trackingNo}` })).json();
    expect(tracked).toMatchObject({ status: 'suspended', expectedAt: null });
    const resumed = await must(p.village, c.id, 'resume');
    expect(resumed.status).toBe('dispatched');
  });

  it('dispatches only to the case’s own team or offices', async () => {
    const c = await newCase();
    // A member of micro-grid A of another force type: not a candidate for a sanitation case.
    const police = await member(t, '甲片区民警', 'enforcement', MICRO_A);
    await must(p.workerA, c.id, 'accept');
    const candidates = await p.village.get(`/api/v1/cases/${c.id}/candidates`);
    expect(candidates.statusCode).toBe(200);
    expect(candidates.json().forceType).toBe('committee_member');
    expect(candidates.json().members.map((m: { memberId: string }) => m.memberId)).toEqual([p.memberA]);
    expect(candidates.json().units.map((u: { id: string }) => u.id)).toEqual(['51011300200101', '510113002001', '510113002000']);
    expect((await act(p.village, c.id, 'dispatch', { assignee: { kind: 'member', id: p.memberB } })).statusCode).toBe(422);
    expect((await act(p.village, c.id, 'dispatch', { assignee: { kind: 'member', id: police } })).statusCode).toBe(422);
    expect((await p.village.get(`/api/v1/cases/${'x'.repeat(65)}/candidates`)).statusCode).toBe(400);
    expect((await p.workerB.get(`/api/v1/cases/${c.id}/candidates`)).statusCode).toBe(404);
    expect((await act(p.village, c.id, 'dispatch', { assignee: { kind: 'unit', id: '510113003001' } })).statusCode).toBe(422);
  });

  it('refuses an action the role may not take (403) or the state does not allow (409 with the current state)', async () => {
    const c = await newCase();
    const closeTooEarly = await act(p.workerA, c.id, 'close');
    expect(closeTooEarly.statusCode).toBe(409);
    expect(closeTooEarly.json().error.current).toMatchObject({ id: c.id, status: 'reported' });
    await must(p.workerA, c.id, 'accept');
    const dispatchByWorker = await act(p.workerA, c.id, 'dispatch', { assignee: { kind: 'member', id: p.memberA } });
    expect(dispatchByWorker.statusCode).toBe(403);
    expect((await detail(p.workerA, c.id)).status).toBe('accepted');
  });

  it('answers 400 to an unknown action and to a body without a version', async () => {
    const c = await newCase();
    expect((await p.workerA.post(`/api/v1/cases/${c.id}/actions/teleport`, { version: 1 })).statusCode).toBe(400);
    const res = await p.workerA.post(`/api/v1/cases/${c.id}/actions/accept`, {});
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });
});

describe('two people acting at once', () => {
  it('lets one win; the other gets 409 and the current state', async () => {
    const c = await newCase();
    const [a, b] = await Promise.all([
      p.workerA.post(`/api/v1/cases/${c.id}/actions/accept`, { version: 1 }),
      p.village.post(`/api/v1/cases/${c.id}/actions/reject`, { version: 1, reason: '重复' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().error.current).toMatchObject({ id: c.id, version: 2 });
    expect(['accepted', 'rejected']).toContain(loser.json().error.current.status);
    const events = await t.gz.ctx.db.selectFrom('case_events').select('action').where('case_id', '=', c.id).execute();
    expect(events).toHaveLength(2);
  });

  it('answers 409 to a stale version', async () => {
    const c = await newCase();
    await must(p.workerA, c.id, 'accept');
    const stale = await p.village.post(`/api/v1/cases/${c.id}/actions/dispatch`, { version: 1, assignee: { kind: 'member', id: p.memberA } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current.status).toBe('accepted');
  });
});

describe('scope', () => {
  it('shows a grid worker only the cases of their micro-grids', async () => {
    const a = await newCase(garbage(IN_A));
    const b = await newCase(garbage(IN_B));
    expect((await p.workerB.get(`/api/v1/cases/${a.id}`)).statusCode).toBe(404);
    expect((await p.workerB.post(`/api/v1/cases/${a.id}/actions/accept`, { version: 1 })).statusCode).toBe(404);
    const listB = (await p.workerB.get('/api/v1/cases?limit=500')).json().items.map((i: { id: string }) => i.id);
    expect(listB).toContain(b.id);
    expect(listB).not.toContain(a.id);
    const listVillage = (await p.village.get('/api/v1/cases?limit=500')).json().items.map((i: { id: string }) => i.id);
    expect(listVillage).toEqual(expect.arrayContaining([a.id, b.id]));
  });

  it('lets only staff read cases', async () => {
    const c = await newCase();
    expect((await t.request({ method: 'GET', url: `/api/v1/cases/${c.id}` })).statusCode).toBe(401);
    const liaison = await t.userSession('org_liaison', ['510113000000']);
    expect((await liaison.get(`/api/v1/cases/${c.id}`)).statusCode).toBe(403);
  });

  it('masks the reporter’s phone unless the role may see it, and audits the unmasked read', async () => {
    const c = await newCase(garbage(IN_A, { phone: '13700001234' }));
    expect((await detail(p.workerA, c.id)).reporterPhone).toBe('137****1234');
    expect((await detail(p.village, c.id)).reporterPhone).toBe('13700001234');
    const reads = await t.gz.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', c.id).where('action', '=', 'case.reporter.read').execute();
    expect(reads).toHaveLength(1);
  });

  it('masks the phone in the answers to actions and conflicts, which are not audited reads', async () => {
    const c = await newCase(garbage(IN_A, { phone: '13700005678' }));
    const version = (await detail(p.workerA, c.id)).version as number;
    const accepted = await p.village.post(`/api/v1/cases/${c.id}/actions/accept`, { version });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().reporterPhone).toBe('137****5678');
    const stale = await p.village.post(`/api/v1/cases/${c.id}/actions/accept`, { version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current.reporterPhone).toBe('137****5678');
    const reads = await t.gz.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', c.id).where('action', '=', 'case.reporter.read').execute();
    expect(reads).toHaveLength(0);
  });

  it('answers 404 to a region filter outside the user’s scope, and filters by a region above it', async () => {
    const inA = await newCase(garbage(IN_A));
    expect((await p.workerA.get('/api/v1/cases?region=510113003001')).statusCode).toBe(404);
    expect((await p.workerA.get('/api/v1/cases/map?region=510113003001')).statusCode).toBe(404);
    expect((await p.workerA.get(`/api/v1/cases?region=${MICRO_B}`)).statusCode).toBe(404);
    const village = await p.workerA.get('/api/v1/cases?region=510113002001&limit=500');
    expect(village.statusCode).toBe(200);
    expect(village.json().items.map((i: { id: string }) => i.id)).toContain(inA.id);
  });
});

describe('lists, inbox, map and export', () => {
  it('puts overdue cases first in the inbox, with paging', async () => {
    const older = await newCase();
    clock().advance(2 * 3_600_000);
    const newer = await newCase();
    clock().advance(5 * 3_600_000); // the older one is past its 4 working-hour acceptance limit
    const inbox = await p.workerA.get('/api/v1/cases?view=inbox&limit=500');
    expect(inbox.statusCode).toBe(200);
    const items = inbox.json().items as { id: string; overdue: boolean }[];
    const iOlder = items.findIndex((i) => i.id === older.id);
    const iNewer = items.findIndex((i) => i.id === newer.id);
    expect(items[iOlder]!.overdue).toBe(true);
    expect(iOlder).toBeLessThan(iNewer);
    expect(items.slice(0, items.findIndex((i) => !i.overdue)).every((i) => i.overdue)).toBe(true);
    const page = await p.workerA.get('/api/v1/cases?view=inbox&limit=1');
    expect(page.json().items).toHaveLength(1);
    const next = await p.workerA.get(`/api/v1/cases?view=inbox&limit=1&cursor=${page.json().nextCursor}`);
    expect(next.json().items[0].id).not.toBe(page.json().items[0].id);
    clock().set('2026-03-02T01:00:00Z');
  });

  it('filters by status, category and overdue, and refuses unknown filters', async () => {
    const c = await newCase(garbage(IN_A, { category: 'roads.pavement' }));
    const res = await p.village.get('/api/v1/cases?category=roads&status=reported,accepted&limit=500');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((i: { id: string }) => i.id)).toContain(c.id);
    expect(res.json().items.every((i: { category: { code: string } }) => i.category.code.startsWith('roads.'))).toBe(true);
    expect((await p.village.get('/api/v1/cases?status=lost')).statusCode).toBe(400);
    expect((await p.village.get('/api/v1/cases?colour=red')).statusCode).toBe(400);
  });

  it('refuses bad map filters and a malformed case id with 400, and an unknown case with 404', async () => {
    for (const url of ['/api/v1/cases/map?status=lost', '/api/v1/cases/map?colour=red', '/api/v1/cases/map?overdue=perhaps', `/api/v1/cases/${'x'.repeat(65)}`]) {
      const res = await p.village.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'validation_failed', message: expect.any(String) });
    }
    expect((await p.village.get('/api/v1/cases/no-such-case')).statusCode).toBe(404);
  });

  it('draws cases as GeoJSON points', async () => {
    const c = await newCase(garbage(IN_B));
    const res = await p.workerB.get('/api/v1/cases/map');
    expect(res.statusCode).toBe(200);
    const feature = res.json().features.find((f: { id: string }) => f.id === c.id);
    expect(feature.geometry).toEqual({ type: 'Point', coordinates: [IN_B.lng, IN_B.lat] });
    expect(feature.properties).toMatchObject({ status: 'reported', category: 'sanitation.garbage' });
  });

  it('exports the filtered list as CSV', async () => {
    const c = await newCase();
    const res = await p.village.get('/api/v1/cases?format=csv&status=reported');
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toContain('csv');
    expect(res.body).toContain(c.trackingNo);
    expect(res.body).toContain('跟踪号');
  });
});

describe('categories', () => {
  const category = {
    code: 'roads.bridge',
    parentCode: 'roads',
    nameZh: '桥梁安全',
    nameEn: 'Bridges',
    forceType: 'town_cadre',
    limits: { dispatched: { unit: 'days', amount: 5 } },
    reporterVerifies: false,
  };

  it('lets the district admin add and edit one; others may not', async () => {
    expect((await p.town.post('/api/v1/case-categories', category)).statusCode).toBe(403);
    const created = await p.admin.post('/api/v1/case-categories', category);
    expect(created.statusCode, created.body).toBe(201);
    expect((await p.admin.post('/api/v1/case-categories', category)).statusCode).toBe(409);
    const edited = await p.admin.patch('/api/v1/case-categories/roads.bridge', { version: 1, nameZh: '桥梁隐患' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await p.admin.patch('/api/v1/case-categories/roads.bridge', { version: 1, nameZh: '又改' })).statusCode).toBe(409);
    const pub = (await t.request({ method: 'GET', url: '/api/v1/public/categories' })).json().items;
    expect(pub.find((c: { code: string }) => c.code === 'roads.bridge')).toMatchObject({ nameZh: '桥梁隐患', reportable: true });
  });

  describe('refuses a bad edit with 4xx and writes nothing', () => {
    for (const bad of badInputCases({ version: 1, nameZh: '道路' }, { version: 'one', nameZh: 7 })) {
      it(bad.name, async () => expectRejectedWithoutWrites(t, p.admin, { method: 'PATCH', url: '/api/v1/case-categories/roads.pavement' }, bad, ['case_categories', 'audit_log']));
    }
    it('a code that is not one, and an unknown one', async () => {
      const bad = await p.admin.patch('/api/v1/case-categories/Roads!', { version: 1, nameZh: '道路' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('validation_failed');
      expect((await p.admin.patch('/api/v1/case-categories/roads.nowhere', { version: 1, nameZh: '道路' })).statusCode).toBe(404);
    });
  });

  it('refuses a third level and malformed definitions, writing nothing', async () => {
    const before = await countRows(t, 'case_categories');
    expect((await p.admin.post('/api/v1/case-categories', { ...category, code: 'roads.pavement.deep', parentCode: 'roads.pavement' })).statusCode).toBe(400);
    expect((await p.admin.post('/api/v1/case-categories', { ...category, code: 'roads.deep', parentCode: 'roads.pavement' })).statusCode).toBe(422);
    expect((await p.admin.post('/api/v1/case-categories', { ...category, code: 'roads.x', forceType: 'wizards' })).statusCode).toBe(400);
    expect(await countRows(t, 'case_categories')).toBe(before);
  });
});

describe('notifications', () => {
  it('tells the village cadres when a case is returned, and only people of that region', async () => {
    const c = await newCase(garbage(IN_A));
    await must(p.workerA, c.id, 'accept');
    await must(p.village, c.id, 'dispatch', { assignee: { kind: 'member', id: p.memberA } });
    await must(p.workerA, c.id, 'return', { reason: '不属于我的职责' });
    const forVillage = (await p.village.get('/api/v1/notifications?unread=true')).json();
    const mine = forVillage.items.find((n: { caseId: string }) => n.caseId === c.id);
    expect(mine).toMatchObject({ kind: 'returned', readAt: null });
    const otherVillage = await t.userSession('village_cadre', ['510113002002']);
    expect((await otherVillage.get('/api/v1/notifications')).json().items.some((n: { caseId: string }) => n.caseId === c.id)).toBe(false);
    expect((await p.workerB.get('/api/v1/notifications')).json().items.some((n: { caseId: string }) => n.caseId === c.id)).toBe(false);
    expect((await p.village.post(`/api/v1/notifications/${mine.id}/read`)).statusCode).toBe(204);
    const after = (await p.village.get('/api/v1/notifications?unread=true')).json();
    expect(after.unread).toBe(forVillage.unread - 1);
    expect((await otherVillage.post(`/api/v1/notifications/${mine.id}/read`)).statusCode).toBe(404);
    expect(delivered.some((n) => n.caseId === c.id && n.kind === 'returned')).toBe(true);
  });

  it('refuses bad queries and ids with 400 and the uniform body', async () => {
    for (const url of ['/api/v1/notifications?unread=maybe', '/api/v1/notifications?limit=0', '/api/v1/notifications?colour=red']) {
      const res = await p.village.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'validation_failed', message: expect.any(String) });
    }
    expect((await p.village.post(`/api/v1/notifications/${'x'.repeat(65)}/read`)).statusCode).toBe(400);
    expect((await p.village.post('/api/v1/notifications/no-such-notification/read')).statusCode).toBe(404);
  });

  it('tells the member a case was dispatched to', async () => {
    const c = await newCase();
    await must(p.workerA, c.id, 'accept');
    await must(p.village, c.id, 'dispatch', { assignee: { kind: 'member', id: p.memberA } });
    const items = (await p.workerA.get('/api/v1/notifications')).json().items;
    expect(items.some((n: { caseId: string; kind: string }) => n.caseId === c.id && n.kind === 'assigned')).toBe(true);
    expect((await p.workerA.post('/api/v1/notifications/read-all', {})).json().marked).toBeGreaterThan(0);
    expect((await p.workerA.get('/api/v1/notifications')).json().unread).toBe(0);
  });
});

describe('indicators', () => {
  it('counts open and overdue cases and the on-time closure rate from the records, each drillable', async () => {
    const read = async () => {
      const res = await p.admin.get('/api/v1/indicators?region=510113002001&module=cases');
      expect(res.statusCode, res.body).toBe(200);
      return Object.fromEntries(res.json().items.map((i: { id: string; value: number }) => [i.id, i.value]));
    };
    const before = await read();
    await newCase();
    const closedCase = await handledCase();
    await fromNewAddress(t, { method: 'POST', url: `/api/v1/public/cases/${closedCase.trackingNo}/verify`, payload: { token: closedCase.reporterToken, result: 'pass' } });
    const after = await read();
    expect(after['cases.open']).toBe(before['cases.open'] + 1);
    const closed = await t.gz.ctx.db.selectFrom('cases').select(['closed_on_time']).where('status', '=', 'closed').where('region_path', 'like', '%510113002001/%').execute();
    const expected = Math.round((closed.filter((r) => r.closed_on_time === 1).length / closed.length) * 1000) / 10;
    expect(after['cases.closed_on_time_rate']).toBe(expected);
    const records = await p.admin.get('/api/v1/indicators/cases.open/records?region=510113002001&limit=500');
    expect(records.statusCode).toBe(200);
    expect(records.json().total).toBe(after['cases.open']);
    expect(records.json().rows.every((r: { status: string }) => r.status !== '已结案')).toBe(true);
    clock().advance(8 * 3_600_000); // past the 4 working-hour acceptance limit, within the sessions' life
    const later = await read();
    expect(later['cases.overdue']).toBeGreaterThan(0);
    const overdue = await p.admin.get('/api/v1/indicators/cases.overdue/records?region=510113002001&limit=500');
    expect(overdue.json().total).toBe(later['cases.overdue']);
    clock().set('2026-03-02T01:00:00Z');
  });
});
