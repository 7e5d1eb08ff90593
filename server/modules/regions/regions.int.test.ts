import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badInputCases, expectRejectedWithoutWrites } from '../../testing/bad-input.ts';
import { countRows, createTestApp, type Session, type TestApp } from '../../testing/harness.ts';

let t: TestApp;
let admin: Session;
let town: Session;
let cadre: Session;

// 怡湖社区 has no polygon of its own, so a grid anywhere inside the district outline is accepted.
const square = (lng: number, lat: number, size = 0.004) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lng, lat],
      [lng + size, lat],
      [lng + size, lat + size],
      [lng, lat + size],
      [lng, lat],
    ],
  ],
});
const bowTie = { type: 'Polygon', coordinates: [[[104.26, 30.89], [104.27, 30.9], [104.27, 30.89], [104.26, 30.9], [104.26, 30.89]]] };

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.userSession('district_admin', ['510113000000']);
  town = await t.userSession('town_admin', ['510113002000']);
  cadre = await t.userSession('village_cadre', ['510113002001']);
});
afterAll(async () => t?.close());

describe('the region tree', () => {
  it('ships Qingbaijiang: 7 towns and 83 villages under Chengdu and Sichuan', async () => {
    const district = await admin.get('/api/v1/regions/510113000000');
    expect(district.statusCode).toBe(200);
    const body = district.json();
    expect(body.name).toBe('青白江区');
    expect(body.ancestors.map((a: { name: string }) => a.name)).toEqual(['四川省', '成都市']);
    expect(body.descendants).toMatchObject({ town: 7, village: 83 });
    expect(body.geometry.type).toBe('Polygon');
    const towns = (await admin.get('/api/v1/regions?parent=510113000000')).json();
    expect(towns.items.map((r: { name: string }) => r.name)).toEqual(['大弯街道', '大同街道', '弥牟镇', '城厢镇', '姚渡镇', '清泉镇', '福洪镇']);
    expect(towns.items[0].childCount).toBe(18);
  });

  it('pages through children with a cursor', async () => {
    const first = (await admin.get('/api/v1/regions?parent=510113002000&limit=10')).json();
    expect(first.items).toHaveLength(10);
    const second = (await admin.get(`/api/v1/regions?parent=510113002000&limit=10&cursor=${first.nextCursor}`)).json();
    expect(second.items).toHaveLength(8);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((r: { code: string }) => r.code)).size).toBe(18);
  });

  it('searches by name within scope', async () => {
    const found = (await admin.get(`/api/v1/regions?q=${encodeURIComponent('怡湖')}`)).json();
    expect(found.items.map((r: { code: string }) => r.code)).toEqual(['510113002001']);
    const cadreSearch = (await cadre.get(`/api/v1/regions?q=${encodeURIComponent('社区')}&level=village`)).json();
    expect(cadreSearch.items.map((r: { code: string }) => r.code)).toEqual(['510113002001']);
  });

  it('lets a village cadre see their village and the regions above it, but answers 404 for a sibling village', async () => {
    expect((await cadre.get('/api/v1/regions/510113002001')).statusCode).toBe(200);
    expect((await cadre.get('/api/v1/regions/510113002000')).statusCode).toBe(200);
    const sibling = await cadre.get('/api/v1/regions/510113002002');
    expect(sibling.statusCode).toBe(404);
    expect(sibling.json().error.code).toBe('not_found');
    const children = (await cadre.get('/api/v1/regions?parent=510113002000')).json();
    expect(children.items.map((r: { code: string }) => r.code)).toEqual(['510113002001']);
  });

  it('answers 400 for a malformed code and 404 for an unknown one', async () => {
    expect((await admin.get('/api/v1/regions/12345')).json().error.code).toBe('validation_failed');
    expect((await admin.get('/api/v1/regions/510113999999')).statusCode).toBe(404);
    expect((await admin.get('/api/v1/regions?limit=100000')).statusCode).toBe(400);
    expect((await admin.get('/api/v1/regions?bogus=1')).statusCode).toBe(400);
  });
});

describe('grids and micro-grids', () => {
  it('adds a grid with a polygon, then a micro-grid inside it, and audits both', async () => {
    const auditBefore = await countRows(t, 'audit_log');
    const grid = await town.post('/api/v1/regions', { parentCode: '510113002001', level: 'grid', name: '测试网格', geometry: square(104.26, 30.89, 0.01) });
    expect(grid.statusCode).toBe(201);
    expect(grid.json()).toMatchObject({ code: '51011300200101', level: 'grid', hasGeometry: true });
    const micro = await town.post('/api/v1/regions', { parentCode: '51011300200101', level: 'micro_grid', name: '测试微网格', geometry: square(104.261, 30.891) });
    expect(micro.statusCode).toBe(201);
    expect(micro.json().code).toBe('5101130020010101');
    expect(await countRows(t, 'audit_log')).toBe(auditBefore + 2);
    const shapes = (await admin.get('/api/v1/regions/geojson?within=510113002001')).json();
    expect(shapes.features.map((f: { id: string }) => f.id)).toEqual(['51011300200101', '5101130020010101']);
  });

  it('refuses a self-intersecting polygon with 422 and the reason, writing nothing', async () => {
    const before = await countRows(t, 'regions');
    const res = await town.post('/api/v1/regions', { parentCode: '510113002001', level: 'grid', name: '坏网格', geometry: bowTie });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'invalid_geometry', message: expect.stringContaining('自相交') });
    expect(await countRows(t, 'regions')).toBe(before);
  });

  it('refuses a micro-grid that reaches outside its grid', async () => {
    const res = await town.post('/api/v1/regions', { parentCode: '51011300200101', level: 'micro_grid', name: '越界', geometry: square(104.268, 30.898) });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toContain('outside its parent');
  });

  it('refuses a grid under a town, and a code that does not extend the parent', async () => {
    expect((await town.post('/api/v1/regions', { parentCode: '510113002000', level: 'grid', name: 'x' })).statusCode).toBe(422);
    expect((await town.post('/api/v1/regions', { parentCode: '510113002001', level: 'grid', name: 'x', code: '51011300200299' })).statusCode).toBe(422);
  });

  it('reports overlaps with siblings as warnings', async () => {
    const res = await town.post('/api/v1/regions', { parentCode: '510113002001', level: 'grid', name: '重叠网格', geometry: square(104.262, 30.892) });
    expect(res.statusCode).toBe(201);
    expect(res.json().warnings[0]).toContain('51011300200101');
  });

  it('reports a partial overlap too, when no corner of either lies inside the other', async () => {
    // A cross: a wide, flat grid over a tall, narrow one — their edges cross, no corner is inside.
    const rect = (w: number, s: number, e: number, n: number) => ({ type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] });
    const tall = await town.post('/api/v1/regions', { parentCode: '510113002001', level: 'grid', name: '纵向网格', geometry: rect(104.281, 30.91, 104.282, 30.913) });
    expect(tall.json().warnings).toEqual([]);
    const wide = await town.post('/api/v1/regions', { parentCode: '510113002001', level: 'grid', name: '横向网格', geometry: rect(104.28, 30.911, 104.283, 30.912) });
    expect(wide.statusCode).toBe(201);
    expect(wide.json().warnings).toEqual([expect.stringContaining(tall.json().code)]);
  });

  it('refuses a micro-grid whose corners lie in its grid but whose edge leaves it', async () => {
    // A U-shaped grid; the micro-grid bridges its two arms across the notch.
    const u = { type: 'Polygon', coordinates: [[[104.29, 30.92], [104.293, 30.92], [104.293, 30.923], [104.292, 30.923], [104.292, 30.921], [104.291, 30.921], [104.291, 30.923], [104.29, 30.923], [104.29, 30.92]]] };
    const grid = await town.post('/api/v1/regions', { parentCode: '510113002001', level: 'grid', name: 'U形网格', geometry: u });
    expect(grid.statusCode).toBe(201);
    const before = await countRows(t, 'regions');
    const bridge = { type: 'Polygon', coordinates: [[[104.2905, 30.922], [104.2925, 30.922], [104.2925, 30.9225], [104.2905, 30.9225], [104.2905, 30.922]]] };
    const res = await town.post('/api/v1/regions', { parentCode: grid.json().code, level: 'micro_grid', name: '跨越微网格', geometry: bridge });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'invalid_geometry', message: expect.stringContaining('outside its parent') });
    expect(await countRows(t, 'regions')).toBe(before);
  });

  it('edits with optimistic concurrency: a stale version gets 409 and the current record', async () => {
    const current = (await town.get('/api/v1/regions/51011300200101')).json();
    const ok = await town.patch('/api/v1/regions/51011300200101', { version: current.version, name: '测试网格（更名）' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().name).toBe('测试网格（更名）');
    const stale = await town.patch('/api/v1/regions/51011300200101', { version: current.version, name: '过期修改' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current.name).toBe('测试网格（更名）');
  });

  it('retires a micro-grid and restores it (undo)', async () => {
    const micro = (await town.get('/api/v1/regions/5101130020010101')).json();
    const retired = await town.post('/api/v1/regions/5101130020010101/retire', { version: micro.version });
    expect(retired.statusCode).toBe(200);
    expect(retired.json().validTo).not.toBeNull();
    expect((await town.get('/api/v1/regions/51011300200101')).json().descendants.micro_grid).toBeUndefined();
    const restored = await town.post('/api/v1/regions/5101130020010101/restore', { version: retired.json().version });
    expect(restored.json().validTo).toBeNull();
  });

  it('refuses to retire a grid that still has micro-grids', async () => {
    const grid = (await town.get('/api/v1/regions/51011300200101')).json();
    expect((await town.post('/api/v1/regions/51011300200101/retire', { version: grid.version })).statusCode).toBe(422);
  });

  it('does not let a village cadre write, and answers 404 to a town admin outside their town', async () => {
    const cadreWrite = await cadre.post('/api/v1/regions', { parentCode: '510113002001', level: 'grid', name: 'x' });
    expect(cadreWrite.statusCode).toBe(403);
    const otherTown = await t.userSession('town_admin', ['510113003000']);
    const res = await otherTown.post('/api/v1/regions', { parentCode: '510113002001', level: 'grid', name: 'x' });
    expect(res.statusCode).toBe(404);
    const grid = (await admin.get('/api/v1/regions/51011300200101')).json();
    expect((await otherTown.patch('/api/v1/regions/51011300200101', { version: grid.version, name: 'x' })).statusCode).toBe(404);
  });

  describe('bad input on POST /api/v1/regions writes nothing', () => {
    const valid = { parentCode: '510113002001', level: 'grid', name: '合法网格' };
    for (const badCase of badInputCases(valid, { name: 42, level: 'province' })) {
      it(badCase.name, () => expectRejectedWithoutWrites(t, town, { method: 'POST', url: '/api/v1/regions' }, badCase, ['regions', 'audit_log']));
    }
  });

  describe('bad input on PATCH /api/v1/regions/{code} writes nothing', () => {
    for (const badCase of badInputCases({ version: 1, name: '改名' }, { version: 'one' })) {
      it(badCase.name, () =>
        expectRejectedWithoutWrites(t, town, { method: 'PATCH', url: '/api/v1/regions/51011300200101' }, badCase, ['regions', 'audit_log']),
      );
    }
  });
});

describe('the public base map', () => {
  it('gives anyone the district outline and its towns by name, and no grids or micro-grids', async () => {
    // Grids and micro-grids exist by now (the tests above drew them).
    expect((await admin.get('/api/v1/regions/geojson?within=510113000000')).json().features.length).toBeGreaterThan(0);
    const res = await t.request({ method: 'GET', url: '/api/v1/public/basemap' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    const body = res.json() as { type: string; features: { geometry: { type: string }; properties: { name: string; level: string; kind: string } }[] };
    expect(body.type).toBe('FeatureCollection');
    const outlines = body.features.filter((f) => f.properties.kind === 'outline');
    expect(outlines.map((f) => [f.properties.name, f.geometry.type])).toEqual([['青白江区', 'Polygon']]);
    const towns = body.features.filter((f) => f.properties.kind === 'seat' && f.properties.level === 'town');
    expect(towns.map((f) => f.properties.name)).toEqual(['大弯街道', '大同街道', '弥牟镇', '城厢镇', '姚渡镇', '清泉镇', '福洪镇']);
    expect(towns.every((f) => f.geometry.type === 'Point')).toBe(true);
    expect(body.features.some((f) => ['grid', 'micro_grid'].includes(f.properties.level))).toBe(false);
  });

  it('refuses parameters it does not take (400)', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/public/basemap?within=510113002000' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });

  it('gives anyone the grids and micro-grids in a street-sized box, by name', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/public/basemap/areas?bbox=104.255,30.885,104.275,30.905' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    const body = res.json() as { truncated: boolean; features: { geometry: { type: string }; properties: { name: string; level: string } }[] };
    expect(body.truncated).toBe(false);
    expect(body.features.map((f) => f.properties.name)).toEqual(expect.arrayContaining(['测试网格（更名）', '测试微网格']));
    expect(body.features.every((f) => ['grid', 'micro_grid'].includes(f.properties.level) && f.geometry.type.endsWith('Polygon'))).toBe(true);
    // Far from any grid: nothing.
    expect((await t.request({ method: 'GET', url: '/api/v1/public/basemap/areas?bbox=104.5,30.5,104.55,30.55' })).json().features).toEqual([]);
  });

  it.each([
    ['no box', ''],
    ['not four numbers', '?bbox=104.2,30.8,104.3'],
    ['words', '?bbox=west,south,east,north'],
    ['west of east', '?bbox=104.3,30.8,104.2,30.9'],
    ['wider than a street map', '?bbox=104.0,30.7,104.5,30.9'],
    ['out of range', '?bbox=190,30.8,190.05,30.85'],
    ['an unknown parameter', '?bbox=104.255,30.885,104.275,30.905&level=grid'],
  ])('refuses %s (400)', async (_name, query) => {
    const res = await t.request({ method: 'GET', url: `/api/v1/public/basemap/areas${query}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });
});
