import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './testing/harness.ts';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '../bin/gongzhi.mjs');

let t: TestApp;
let env: NodeJS.ProcessEnv;

async function gongzhi(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  t = await createTestApp();
  const { config } = t.gz.ctx;
  env = { ...process.env, GONGZHI_DATA_DIR: config.dataDir, DATABASE_URL: config.databaseUrl ?? '', LOG_LEVEL: 'warn' };
});
afterAll(async () => t?.close());

describe('the gongzhi command', () => {
  it('adds a user who can sign in, lists them, changes the password and disables them', async () => {
    const add = await gongzhi('user', 'add', '--username', 'cli.user', '--role', 'town_admin', '--scope', '510113104000', '--name', '城厢镇管理员', '--password', 'Cli-pass-1');
    expect(add.code).toBe(0);
    expect((await t.login('cli.user', 'Cli-pass-1')).username).toBe('cli.user');
    const list = await gongzhi('user', 'list', '--role', 'town_admin');
    expect(list.stdout).toContain('cli.user\ttown_admin\t城厢镇管理员\t510113104000\tactive');
    expect((await gongzhi('user', 'passwd', 'cli.user', '--password', 'Cli-pass-2')).code).toBe(0);
    await expect(t.login('cli.user', 'Cli-pass-1')).rejects.toThrow(/401/);
    expect((await gongzhi('user', 'disable', 'cli.user')).code).toBe(0);
    await expect(t.login('cli.user', 'Cli-pass-2')).rejects.toThrow(/401/);
  });

  it('refuses a bad role or an unknown region with a readable message and a non-zero exit', async () => {
    const badRole = await gongzhi('user', 'add', '--username', 'x', '--role', 'king', '--scope', '510113000000', '--password', 'Cli-pass-1');
    expect(badRole.code).not.toBe(0);
    expect(badRole.stderr).toContain('role must be one of');
    const badScope = await gongzhi('user', 'add', '--username', 'x', '--role', 'grid_worker', '--scope', '510113999999', '--password', 'Cli-pass-1');
    expect(badScope.code).not.toBe(0);
    expect(badScope.stderr).toContain('510113999999');
  });

  it('prints a working API token on stdout', async () => {
    await gongzhi('user', 'add', '--username', 'machine', '--role', 'district_admin', '--scope', '510113000000', '--password', 'Cli-pass-1');
    const created = await gongzhi('token', 'create', 'machine', '--name', 'nightly sync');
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^gz_/);
    const me = await t.request({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.json().user.username).toBe('machine');
  });

  it('verifies the audit chain and exits 1 once a row is tampered with', async () => {
    const ok = await gongzhi('audit', 'verify');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('intact');
    await t.gz.ctx.db.updateTable('audit_log').set({ actor_name: 'mallory' }).where('seq', '=', 1).execute();
    const broken = await gongzhi('audit', 'verify');
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('BROKEN at entry 1');
  });
});
