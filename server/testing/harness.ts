import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { openGongzhi, type Gongzhi } from '../app.ts';
import type { Role } from '../platform/access/policy.ts';
import { systemActor } from '../platform/auth/actor.ts';
import { createUser } from '../platform/auth/service.ts';
import { fixedClock, systemClock, type Clock } from '../platform/clock.ts';
import { loadConfig } from '../platform/config.ts';
import type { Api } from '../platform/module.ts';

export const TEST_PASSWORD = 'test-pass-123';

export type TestDb = 'sqlite' | 'postgres';
export const testDb: TestDb = process.env.GONGZHI_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

export interface Session {
  username: string;
  cookie: string;
  csrf: string;
  /** Send a request as this user, with cookie and CSRF header. */
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

export interface TestApp {
  gz: Gongzhi;
  app: Api;
  clock: Clock;
  /** Anonymous request. */
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  /** Create a user with a role and scope roots, signed in. */
  userSession(role: Role, scopes: string[], extra?: { username?: string; orgId?: string }): Promise<Session>;
  login(username: string, password?: string): Promise<Session>;
  close(): Promise<void>;
}

let counter = 0;

async function createPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = inject('pgAdminUrl');
  const name = `gz_test_${process.pid}_${Date.now()}_${counter++}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/**
 * A fresh Gongzhi on a fresh database (SQLite file or PostgreSQL database, as the project
 * runs), migrated with reference regions loaded, served in-process through `inject`.
 */
export async function createTestApp(options: { clock?: Clock | string; demo?: boolean } = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gongzhi-test-'));
  const pgDb = testDb === 'postgres' ? await createPgDatabase() : null;
  const config = loadConfig({ GONGZHI_DATA_DIR: dataDir, DATABASE_URL: pgDb?.url, GONGZHI_WEB_DIR: join(dataDir, 'no-web') });
  const clock = typeof options.clock === 'string' ? fixedClock(options.clock) : (options.clock ?? systemClock);
  const gz = await openGongzhi({ config, clock, logLevel: 'silent', poolSize: 4 });
  const app = await gz.http();
  if (options.demo) {
    const { seedDemo } = await import('../modules/demo/service.ts');
    await seedDemo(gz.ctx);
  }

  const login = async (username: string, password = TEST_PASSWORD): Promise<Session> => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const csrf = (res.json() as { csrfToken: string }).csrfToken;
    const request = (o: InjectOptions) => app.inject({ ...o, headers: { cookie, 'x-csrf-token': csrf, ...(o.headers ?? {}) } });
    return {
      username,
      cookie,
      csrf,
      request,
      get: (url) => request({ method: 'GET', url }),
      post: (url, body) => request({ method: 'POST', url, ...(body === undefined ? {} : { payload: body as object }) }),
      patch: (url, body) => request({ method: 'PATCH', url, payload: body as object }),
      delete: (url) => request({ method: 'DELETE', url }),
    };
  };

  return {
    gz,
    app,
    clock,
    request: (o) => app.inject(o),
    login,
    async userSession(role, scopes, extra = {}) {
      const username = extra.username ?? `${role.replace('_', '')}${++counter}`;
      await createUser(gz.ctx, systemActor, { username, displayName: username, password: TEST_PASSWORD, role, scopes, orgId: extra.orgId ?? null });
      return login(username);
    },
    async close() {
      await gz.close();
      await pgDb?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Count rows of a table, for asserting that a rejected write changed nothing. */
export async function countRows(t: TestApp, table: string): Promise<number> {
  const row = await t.gz.ctx.db
    .selectFrom(table as never)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number((row as { n: number }).n);
}
