import { afterEach, describe, expect, test, vi } from 'vitest';
import { api, ApiError, apiUrl, setCsrfToken } from './api.ts';

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

describe('api client', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken(null);
  });

  test('builds URLs under /api/v1 and drops empty parameters', () => {
    expect(apiUrl('/regions', { parent: '510113000000', q: '', cursor: undefined, limit: 50 })).toBe('/api/v1/regions?parent=510113000000&limit=50');
  });

  test('sends the CSRF token on writes, not on reads', async () => {
    const fetchMock = vi.fn(async () => json(200, { ok: true }));
    vi.stubGlobal('fetch', fetchMock);
    setCsrfToken('token-1');
    await api.get('/auth/me');
    await api.post('/regions', { name: 'x' });
    const calls = fetchMock.mock.calls as unknown as [string, RequestInit][];
    expect((calls[0]![1].headers as Record<string, string>)['x-csrf-token']).toBeUndefined();
    expect((calls[1]![1].headers as Record<string, string>)['x-csrf-token']).toBe('token-1');
  });

  test('turns the error body into an ApiError with the server’s message and details', async () => {
    vi.stubGlobal('fetch', async () => json(422, { error: { code: 'invalid_geometry', message: '几何图形无效：边界自相交', details: [{ message: 'self-intersection' }] } }));
    const error = await api.post('/regions', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 422, code: 'invalid_geometry', message: '几何图形无效：边界自相交', details: [{ message: 'self-intersection' }] });
  });

  test('a failed connection is an ApiError too, with status 0', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(api.get('/health')).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });
});
