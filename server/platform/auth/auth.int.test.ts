import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, TEST_PASSWORD, type TestApp } from '../../testing/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('sign-in, sessions and tokens', () => {
  it('signs in with the right password and reports who is signed in', async () => {
    const admin = await t.userSession('district_admin', ['510113000000'], { username: 'zhang.san' });
    const me = await admin.get('/api/v1/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ username: 'zhang.san', role: 'district_admin' });
    expect(me.json().user.scopes[0].code).toBe('510113000000');
  });

  it('sets an HttpOnly, SameSite session cookie', async () => {
    await t.userSession('town_admin', ['510113002000'], { username: 'cookie.check' });
    const res = await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'cookie.check', password: TEST_PASSWORD } });
    const cookie = res.cookies.find((c) => c.name === 'gz_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
  });

  it('refuses a wrong password with 401 and no session', async () => {
    const sessionsBefore = await countRows(t, 'sessions');
    const res = await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'zhang.san', password: 'wrong-password' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
    expect(await countRows(t, 'sessions')).toBe(sessionsBefore);
  });

  it('locks a username after five failed attempts', async () => {
    await t.userSession('village_cadre', ['510113002001'], { username: 'locked.out' });
    for (let i = 0; i < 5; i++) {
      await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'locked.out', password: 'nope-nope-1' } });
    }
    const res = await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'locked.out', password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBeDefined();
  });

  it('ends the session on logout', async () => {
    const s = await t.userSession('grid_worker', ['510113002001'], { username: 'bye' });
    expect((await s.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await s.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const admin = await t.login('zhang.san');
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/regions',
      headers: { cookie: admin.cookie },
      payload: { parentCode: '510113002001', level: 'grid', name: '无令牌网格' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf_failed');
    expect(await countRows(t, 'regions')).toBe(await countRows(t, 'regions'));
  });

  it('accepts a bearer API token without CSRF, and stops accepting it once revoked', async () => {
    const admin = await t.login('zhang.san');
    const me = (await admin.get('/api/v1/auth/me')).json().user;
    const created = await admin.post(`/api/v1/users/${me.id}/tokens`, { name: 'sync job' });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    const asMachine = await t.request({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(asMachine.statusCode).toBe(200);
    expect(asMachine.json().user.username).toBe('zhang.san');
    expect((await admin.delete(`/api/v1/users/${me.id}/tokens/${id}`)).statusCode).toBe(204);
    const after = await t.request({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(after.statusCode).toBe(401);
  });

  it('answers 401 to an anonymous request for a signed-in route', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/regions?parent=510113000000' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'unauthenticated', message: expect.any(String), details: [] } });
  });
});

describe('health', () => {
  it('names the database in use', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: process.env.GONGZHI_TEST_DB ?? 'sqlite' });
  });
});
