import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('HTTP conventions', () => {
  it('publishes OpenAPI 3 with every API route and a browsable page', async () => {
    const spec = (await t.request({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/v1/regions', '/api/v1/regions/{code}', '/api/v1/auth/login', '/api/v1/indicators']));
    expect(spec.paths['/api/v1/regions'].post.requestBody).toBeDefined();
    const docs = await t.request({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('sends security headers', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBeDefined();
  });

  it('answers unknown API paths with the uniform 404 body, and other paths with the web page', async () => {
    const api = await t.request({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toEqual({ error: { code: 'not_found', message: expect.any(String), details: [] } });
    for (const url of ['/', '/regions/510113002001', '/indicators/regions.villages?region=510113000000']) {
      const page = await t.request({ method: 'GET', url });
      expect(page.statusCode, url).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
    }
    expect((await t.request({ method: 'GET', url: '/assets/missing-chunk.js' })).statusCode).toBe(404);
  });

  it('refuses a method that is not allowed with a 4xx, not a 500', async () => {
    const res = await t.request({ method: 'DELETE', url: '/api/v1/health' });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.json().error.code).toBeDefined();
  });
});
