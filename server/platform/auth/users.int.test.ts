import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badInputCases, expectRejectedWithoutWrites } from '../../testing/bad-input.ts';
import { countRows, createTestApp, TEST_PASSWORD, type Session, type TestApp } from '../../testing/harness.ts';

let t: TestApp;
let admin: Session;
let town: Session;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.userSession('district_admin', ['510113000000']);
  town = await t.userSession('town_admin', ['510113002000']);
});
afterAll(async () => t?.close());

const newUser = (username: string, scopes = ['510113002001']) => ({
  username,
  displayName: '李四',
  password: 'Str0ng-pass',
  role: 'village_cadre',
  scopes,
  phone: '13812345678',
});

describe('user administration', () => {
  it('creates a user who can then sign in; the phone is stored encrypted', async () => {
    const res = await admin.post('/api/v1/users', newUser('li.si'));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username: 'li.si', role: 'village_cadre', phone: '13812345678' });
    const stored = await t.gz.ctx.db.selectFrom('users').select('phone_enc').where('username', '=', 'li.si').executeTakeFirstOrThrow();
    expect(stored.phone_enc).not.toContain('13812345678');
    const session = await t.login('li.si', 'Str0ng-pass');
    expect((await session.get('/api/v1/auth/me')).json().user.username).toBe('li.si');
  });

  it('refuses a taken username with 409 and a weak password with 400, writing nothing', async () => {
    const before = await countRows(t, 'users');
    expect((await admin.post('/api/v1/users', newUser('li.si'))).statusCode).toBe(409);
    const weak = await admin.post('/api/v1/users', { ...newUser('wang.wu'), password: '12345678' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details[0].path).toBe('password');
    expect(await countRows(t, 'users')).toBe(before);
  });

  it('lets a town admin hand out scope only inside their town', async () => {
    const outside = await town.post('/api/v1/users', newUser('zhao.liu', ['510113003001']));
    expect(outside.statusCode).toBe(422);
    const inside = await town.post('/api/v1/users', newUser('zhao.liu', ['510113002002']));
    expect(inside.statusCode).toBe(201);
  });

  it('lists only users within the admin\'s scope, with search', async () => {
    const otherTown = await t.userSession('town_admin', ['510113003000']);
    const names = (await otherTown.get('/api/v1/users')).json().items.map((u: { username: string }) => u.username);
    expect(names).not.toContain('li.si');
    const found = (await admin.get('/api/v1/users?q=li.s')).json().items.map((u: { username: string }) => u.username);
    expect(found).toEqual(['li.si']);
  });

  it('answers 404 to an admin of another town for a user outside their scope', async () => {
    const otherTown = await t.userSession('town_admin', ['510113003000']);
    const user = (await admin.get('/api/v1/users?q=li.si')).json().items[0];
    expect((await otherTown.get(`/api/v1/users/${user.id}`)).statusCode).toBe(404);
    expect((await otherTown.patch(`/api/v1/users/${user.id}`, { version: user.version, disabled: true })).statusCode).toBe(404);
  });

  it('disables a user, which ends their sessions', async () => {
    const user = (await admin.get('/api/v1/users?q=zhao.liu')).json().items[0];
    const session = await t.login('zhao.liu', 'Str0ng-pass');
    const res = await admin.patch(`/api/v1/users/${user.id}`, { version: user.version, disabled: true });
    expect(res.statusCode).toBe(200);
    expect((await session.get('/api/v1/auth/me')).statusCode).toBe(401);
    const relogin = await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'zhao.liu', password: 'Str0ng-pass' } });
    expect(relogin.statusCode).toBe(401);
  });

  it('audits every read of an unmasked phone', async () => {
    const user = (await admin.get('/api/v1/users?q=li.si')).json().items[0];
    const before = await countRows(t, 'audit_log');
    const detail = await admin.get(`/api/v1/users/${user.id}`);
    expect(detail.json().phone).toBe('13812345678');
    expect(await countRows(t, 'audit_log')).toBe(before + 1);
    const entry = (await admin.get('/api/v1/audit?action=personal_data.read&limit=1')).json().items[0];
    expect(entry).toMatchObject({ entity: 'user', entityId: user.id, actorName: admin.username });
  });

  it('masks phones for roles that may not see personal data', async () => {
    const worker = await t.userSession('grid_worker', ['510113002001']);
    const me = (await worker.get('/api/v1/auth/me')).json().user;
    expect(me.phone).toBeNull();
    // Grid workers cannot list users at all.
    expect((await worker.get('/api/v1/users')).statusCode).toBe(403);
  });

  it('refuses grid workers, liaisons and anonymous callers', async () => {
    const liaison = await t.userSession('org_liaison', ['510113000000']);
    expect((await liaison.post('/api/v1/users', newUser('x.y'))).statusCode).toBe(403);
    expect((await t.request({ method: 'POST', url: '/api/v1/users', payload: newUser('x.y') })).statusCode).toBe(401);
  });

  describe('bad input on POST /api/v1/users writes nothing', () => {
    for (const badCase of badInputCases(newUser('valid.user'), { role: 'emperor', scopes: 'all' })) {
      it(badCase.name, () => expectRejectedWithoutWrites(t, admin, { method: 'POST', url: '/api/v1/users' }, badCase, ['users', 'user_scopes', 'audit_log']));
    }
  });

  describe('bad input on POST /api/v1/auth/login', () => {
    for (const badCase of badInputCases({ username: 'li.si', password: TEST_PASSWORD }, { username: 7 })) {
      it(badCase.name, () => expectRejectedWithoutWrites(t, admin, { method: 'POST', url: '/api/v1/auth/login' }, badCase, ['sessions']));
    }
  });
});
