import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../testing/harness.ts';

let t: TestApp;
let admin: Session;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.userSession('district_admin', ['510113000000']);
});
afterAll(async () => t?.close());

const valueOf = (body: { items: { id: string; value: number }[] }, id: string) => body.items.find((i) => i.id === id)?.value;

describe('indicators', () => {
  it('computes the towns and villages of the district from the region records', async () => {
    const res = await admin.get('/api/v1/indicators?region=510113000000');
    expect(res.statusCode).toBe(200);
    expect(res.json().region.name).toBe('青白江区');
    expect(valueOf(res.json(), 'regions.towns')).toBe(7);
    expect(valueOf(res.json(), 'regions.villages')).toBe(83);
    const town = (await admin.get('/api/v1/indicators?region=510113106000')).json();
    expect(valueOf(town, 'regions.villages')).toBe(14);
  });

  it('speaks English when asked', async () => {
    const en = (await admin.get('/api/v1/indicators?region=510113000000&lang=en')).json();
    expect(en.items.find((i: { id: string }) => i.id === 'regions.villages').label).toBe('Villages and communities');
  });

  it('drills down to the records behind a figure, paged', async () => {
    const res = await admin.get('/api/v1/indicators/regions.villages/records?region=510113002000&limit=5');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(18);
    expect(body.rows).toHaveLength(5);
    expect(body.rows[0]).toMatchObject({ code: '510113002001', name: '怡湖社区居民委员会' });
    expect(body.columns.map((c: { key: string }) => c.key)).toContain('name');
  });

  it('moves when the records change', async () => {
    const now = new Date().toISOString();
    await t.gz.ctx.db
      .insertInto('regions')
      .values({
        code: '510113002099',
        parent_code: '510113002000',
        level: 'village',
        kind: 'community',
        name: '新设社区居民委员会',
        short_name: '新设社区',
        path: '510000000000/510100000000/510113000000/510113002000/510113002099/',
        depth: 4,
        geometry: null,
        min_lng: null,
        min_lat: null,
        max_lng: null,
        max_lat: null,
        seat_lng: null,
        seat_lat: null,
        valid_from: null,
        valid_to: null,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
    expect(valueOf((await admin.get('/api/v1/indicators?region=510113000000')).json(), 'regions.villages')).toBe(84);
    await t.gz.ctx.db.updateTable('regions').set({ valid_to: '2026-01-01' }).where('code', '=', '510113002099').execute();
    expect(valueOf((await admin.get('/api/v1/indicators?region=510113000000')).json(), 'regions.villages')).toBe(83);
  });

  it('answers 404 for a region outside the user\'s scope and for an unknown indicator', async () => {
    const cadre = await t.userSession('village_cadre', ['510113002001']);
    expect((await cadre.get('/api/v1/indicators?region=510113000000')).statusCode).toBe(404);
    expect((await cadre.get('/api/v1/indicators?region=510113002001')).statusCode).toBe(200);
    expect((await admin.get('/api/v1/indicators/nope.nothing/records?region=510113000000')).statusCode).toBe(404);
    expect((await admin.get('/api/v1/indicators?region=abc')).statusCode).toBe(400);
  });
});
