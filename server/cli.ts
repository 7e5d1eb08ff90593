import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { openGongzhi } from './app.ts';
import { isRole, ROLES } from './platform/access/policy.ts';
import { systemActor } from './platform/auth/actor.ts';
import { createToken, createUser, findUserIdByUsername, listUsers, updateUser } from './platform/auth/service.ts';
import { verifyAudit } from './platform/audit/service.ts';
import { ConfigError, loadConfig } from './platform/config.ts';
import { AppError } from './platform/http/errors.ts';
import { tuneServerProcess } from './platform/runtime.ts';
import { exportCommand, importCommand } from './platform/tabular/cli.ts';
import { DEMO_PASSWORD } from './modules/demo/domain.ts';
import { seedDemo } from './modules/demo/service.ts';

const HELP = `gongzhi — 共治 Gongzhi command line

  gongzhi serve [--demo] [--port N]     serve the UI and API (--demo seeds an empty database)
  gongzhi migrate                        apply database migrations and reference data
  gongzhi seed demo                      build the demo dataset (once)
  gongzhi user add --username U --role R --scope CODE[,CODE] [--name N] [--password P]
  gongzhi user list [--role R] [--q TEXT]
  gongzhi user passwd USERNAME [--password P]
  gongzhi user disable USERNAME | user enable USERNAME
  gongzhi token create USERNAME [--name N]   print a new API token on stdout
  gongzhi audit verify                   check the audit log's hash chain
  gongzhi import ENTITY FILE [--dry-run] import an .xlsx or .csv file
  gongzhi export ENTITY [--format xlsx|csv] [--out FILE] [--filter key=value]
  gongzhi help

Settings come from the environment: GONGZHI_DATA_DIR, DATABASE_URL, PORT (see the README).
Roles: ${ROLES.join(', ')}`;

class UsageError extends Error {}

async function readPassword(given: string | undefined): Promise<string> {
  if (given) return given;
  if (process.env.GONGZHI_PASSWORD) return process.env.GONGZHI_PASSWORD;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question('密码 Password: ')).trim();
  } finally {
    rl.close();
  }
}

function err(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      demo: { type: 'boolean' },
      port: { type: 'string' },
      username: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      scope: { type: 'string' },
      name: { type: 'string' },
      q: { type: 'string' },
      'dry-run': { type: 'boolean' },
      format: { type: 'string' },
      out: { type: 'string' },
      filter: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, sub, arg] = positionals;
  if (!command || command === 'help' || values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (values.port) process.env.PORT = values.port;
  const config = loadConfig();

  if (command === 'serve') {
    tuneServerProcess();
    const started = Date.now();
    const gz = await openGongzhi({ config });
    if (values.demo || config.demo) {
      const result = await seedDemo(gz.ctx, (m) => err(`  演示数据 demo: ${m}`));
      if (result.seeded) err(`演示数据已生成 Demo data seeded in ${result.seconds.toFixed(1)} s`);
    }
    const app = await gz.http();
    gz.startScheduler();
    await app.listen({ port: config.port, host: config.host });
    const url = `http://localhost:${config.port}`;
    process.stdout.write(
      `\n共治 Gongzhi is serving at ${url}  (${gz.database.dialect}: ${gz.database.location}, ready in ${((Date.now() - started) / 1000).toFixed(1)} s)\n` +
        (values.demo || config.demo ? `演示账号 Demo sign-in: admin / ${DEMO_PASSWORD}  (one user per role: see the README)\n` : '') +
        `API docs: ${url}/api/docs\n\n`,
    );
    const stop = async () => {
      await gz.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
    return -1;
  }

  const gz = await openGongzhi({ config, logLevel: 'warn' });
  const ctx = gz.ctx;
  try {
    switch (command) {
      case 'migrate':
        err(`数据库已是最新 Database is up to date (${gz.database.dialect}: ${gz.database.location})`);
        return 0;
      case 'seed': {
        if (sub !== 'demo') throw new UsageError('usage: gongzhi seed demo');
        const result = await seedDemo(ctx, (m) => err(`  ${m}`));
        err(result.seeded ? `演示数据已生成 Demo data seeded in ${result.seconds.toFixed(1)} s` : '演示数据已存在 Demo data is already there');
        return 0;
      }
      case 'user':
        return await userCommand(ctx, sub, arg, values);
      case 'token': {
        if (sub !== 'create' || !arg) throw new UsageError('usage: gongzhi token create USERNAME [--name N]');
        const user = await findUserIdByUsername(ctx, arg);
        if (!user) throw new UsageError(`no user ${arg}`);
        const token = await createToken(ctx, systemActor, user.id, values.name ?? 'cli');
        process.stdout.write(`${token.token}\n`);
        return 0;
      }
      case 'audit': {
        if (sub !== 'verify') throw new UsageError('usage: gongzhi audit verify');
        const check = await verifyAudit(ctx.db);
        if (check.ok) {
          process.stdout.write(`审计链完整 Audit chain intact: ${check.checked} entries\n`);
          return 0;
        }
        process.stdout.write(`审计链被篡改 Audit chain BROKEN at entry ${check.brokenAt}: ${check.reason} (${check.checked} entries intact before it)\n`);
        return 1;
      }
      case 'import':
        if (!sub || !arg) throw new UsageError('usage: gongzhi import ENTITY FILE [--dry-run]');
        return await importCommand(ctx, sub, arg, { dryRun: values['dry-run'] === true });
      case 'export':
        if (!sub) throw new UsageError('usage: gongzhi export ENTITY [--format xlsx|csv] [--out FILE]');
        return await exportCommand(ctx, sub, { format: values.format ?? 'xlsx', out: values.out, filters: values.filter ?? [] });
      default:
        throw new UsageError(`unknown command "${command}" — try gongzhi help`);
    }
  } finally {
    await gz.close();
  }
}

async function userCommand(
  ctx: Awaited<ReturnType<typeof openGongzhi>>['ctx'],
  sub: string | undefined,
  arg: string | undefined,
  values: { username?: string; password?: string; role?: string; scope?: string; name?: string; q?: string },
): Promise<number> {
  switch (sub) {
    case 'add': {
      if (!values.username || !values.role || !values.scope) throw new UsageError('usage: gongzhi user add --username U --role R --scope CODE');
      if (!isRole(values.role)) throw new UsageError(`role must be one of ${ROLES.join(', ')}`);
      const password = await readPassword(values.password);
      const user = await createUser(ctx, systemActor, {
        username: values.username,
        displayName: values.name ?? values.username,
        password,
        role: values.role,
        scopes: values.scope.split(','),
      });
      err(`已创建用户 Created user ${user.username} (${user.role})`);
      return 0;
    }
    case 'list': {
      let cursor: string | undefined;
      const rows: string[] = [];
      do {
        const result = await listUsers(ctx, systemActor, { q: values.q, role: values.role, cursor, limit: 500 });
        for (const u of result.items) rows.push([u.username, u.role, u.displayName, u.scopes.map((s) => s.code).join(','), u.disabled ? 'disabled' : 'active'].join('\t'));
        cursor = result.nextCursor ?? undefined;
      } while (cursor);
      process.stdout.write(`${['username', 'role', 'name', 'scopes', 'status'].join('\t')}\n${rows.join('\n')}\n`);
      return 0;
    }
    case 'passwd':
    case 'disable':
    case 'enable': {
      if (!arg) throw new UsageError(`usage: gongzhi user ${sub} USERNAME`);
      const user = await findUserIdByUsername(ctx, arg);
      if (!user) throw new UsageError(`no user ${arg}`);
      const patch = sub === 'passwd' ? { password: await readPassword(values.password) } : { disabled: sub === 'disable' };
      await updateUser(ctx, systemActor, user.id, { version: user.version, ...patch });
      err(`已更新 Updated ${arg}`);
      return 0;
    }
    default:
      throw new UsageError('usage: gongzhi user add|list|passwd|disable|enable');
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof ConfigError) err(error.message);
    else if (error instanceof AppError) err(`${error.message}${error.details.length ? `\n${error.details.map((d) => `  - ${d.path ?? ''} ${d.message}`).join('\n')}` : ''}`);
    else err(String((error as Error)?.stack ?? error));
    process.exit(error instanceof UsageError ? 64 : 1);
  },
);
