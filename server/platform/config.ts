import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Every setting Gongzhi reads from its environment. The README's configuration table lists them. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** `postgres://…` selects PostgreSQL; null means the embedded SQLite file under dataDir. */
  databaseUrl: string | null;
  /** 32-byte key for personal data at rest; from GONGZHI_SECRET or generated once into dataDir. */
  secret: Buffer;
  logLevel: string;
  bodyLimitBytes: number;
  sessionHours: number;
  /** Map tile URL template; none by default since deployments are often offline. */
  tileUrl: string | null;
  /** Seed the demo dataset into an empty database at start. */
  demo: boolean;
  /** Directory of the built web client; absent means the API is served alone. */
  webDir: string;
  secureCookies: boolean;
}

export class ConfigError extends Error {}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new ConfigError(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

function loadSecret(env: NodeJS.ProcessEnv, dataDir: string): Buffer {
  const given = env.GONGZHI_SECRET;
  if (given) {
    const key = Buffer.from(given, given.length === 64 && /^[0-9a-f]+$/i.test(given) ? 'hex' : 'base64');
    if (key.length !== 32) throw new ConfigError('GONGZHI_SECRET must be 32 bytes, as 64 hex digits or base64');
    return key;
  }
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  const key = randomBytes(32);
  writeFileSync(file, key.toString('hex'), { mode: 0o600 });
  return key;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(env.GONGZHI_DATA_DIR ?? 'data');
  mkdirSync(dataDir, { recursive: true });
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// (leave it unset for the embedded SQLite database)');
  }
  return {
    port: intFrom(env, 'PORT', 8080),
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl,
    secret: loadSecret(env, dataDir),
    logLevel: env.LOG_LEVEL ?? 'info',
    bodyLimitBytes: intFrom(env, 'GONGZHI_BODY_LIMIT', 1024 * 1024),
    sessionHours: intFrom(env, 'GONGZHI_SESSION_HOURS', 12),
    tileUrl: env.GONGZHI_TILE_URL?.trim() || null,
    demo: env.GONGZHI_DEMO === '1' || env.GONGZHI_DEMO === 'true',
    webDir: resolve(env.GONGZHI_WEB_DIR ?? 'web/dist'),
    secureCookies: env.GONGZHI_SECURE_COOKIES === '1' || env.GONGZHI_SECURE_COOKIES === 'true',
  };
}
