import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, type Session, type TestApp } from '../../testing/harness.ts';

/**
 * Requests that once reached the database or a parser unchecked and answered 500: each is now a
 * 4xx with the uniform body, and writes nothing.
 */
let t: TestApp;
let admin: Session;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.userSession('district_admin', ['510113000000']);
});
afterAll(async () => t?.close());

function expectUniform(res: { statusCode: number; json(): unknown; body: string }, status: number, code?: string) {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(status);
  const body = res.json() as { error: { code: string; message: string; details: unknown[] } };
  expect(Object.keys(body)).toEqual(['error']);
  if (code) expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(Array.isArray(body.error.details)).toBe(true);
}

describe('bad requests answer 4xx with the uniform body, never 500', () => {
  it('text with the NUL character, in the path, the query or the body', async () => {
    const before = await countRows(t, 'regions');
    expectUniform(await admin.get('/api/v1/cases?q=%00'), 400, 'validation_failed');
    expectUniform(await admin.get('/api/v1/grid/members/%00'), 400, 'validation_failed');
    expectUniform(await admin.get('/api/v1/users?q=a%00b'), 400, 'validation_failed');
    expectUniform(await admin.post('/api/v1/regions', { parentCode: '510113002001', level: 'grid', name: '网\u0000格' }), 400, 'validation_failed');
    expect(await countRows(t, 'regions')).toBe(before);
  });

  it('a multipart body that is cut short, has no boundary or the wrong one', async () => {
    const before = await countRows(t, 'cases');
    const cut = '--bb\r\nContent-Disposition: form-data; name="category"\r\n\r\nsanitation.garbage';
    for (const [type, payload] of [
      ['multipart/form-data; boundary=bb', cut],
      ['multipart/form-data', cut],
      ['multipart/form-data; boundary=other', cut],
    ] as const) {
      expectUniform(await t.request({ method: 'POST', url: '/api/v1/public/cases', payload, headers: { 'content-type': type, 'x-forwarded-for': '10.9.9.9' } }), 400);
      expectUniform(await admin.request({ method: 'POST', url: '/api/v1/tabular/regions.grids/import?wait=true', payload, headers: { 'content-type': type } }), 400);
    }
    expect(await countRows(t, 'cases')).toBe(before);
  });

  it('an empty latitude in a report form, which is missing and not 0', async () => {
    const form = new FormData();
    for (const [k, v] of Object.entries({ category: 'sanitation.garbage', description: '垃圾堆积', lat: '', lng: '' })) form.append(k, v);
    const response = new Response(form);
    const payload = Buffer.from(await response.arrayBuffer());
    const res = await t.request({ method: 'POST', url: '/api/v1/public/cases', payload, headers: { 'content-type': response.headers.get('content-type')!, 'x-forwarded-for': '10.9.9.8' } });
    expectUniform(res, 400, 'validation_failed');
  });

  it('a page position too large for any column', async () => {
    expectUniform(await admin.get('/api/v1/cases?cursor=99999999999999999999'), 400, 'validation_failed');
    expectUniform(await admin.get('/api/v1/audit?cursor=99999999999999999999'), 400, 'validation_failed');
    expectUniform(await admin.get('/api/v1/audit?cursor=510113002001'), 400, 'validation_failed');
    expect((await admin.get('/api/v1/cases?cursor=20')).statusCode).toBe(200);
  });

  it('an unknown level for the grid polygons', async () => {
    expectUniform(await admin.get('/api/v1/regions/geojson?within=510113002001&levels=x'), 400, 'validation_failed');
    expectUniform(await admin.get('/api/v1/regions/geojson?within=510113002001&levels='), 400, 'validation_failed');
    expect((await admin.get('/api/v1/regions/geojson?within=510113002001&levels=grid')).statusCode).toBe(200);
  });

  it('an address that does not decode, and a path segment that is too long', async () => {
    expectUniform(await admin.get('/api/v1/grid/members/%ff'), 400, 'bad_request');
    expectUniform(await admin.get(`/api/v1/grid/members/${'x'.repeat(200)}`), 400, 'bad_request');
  });
});
