#!/usr/bin/env node
// Builds the browser client with Vite when it is missing or older than its sources.
// `npm start` and the end-to-end tests call ensureWebBuilt(); `node scripts/build-web.mjs [--force]` runs it by hand.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const webDir = join(root, 'web');
const builtIndex = join(webDir, 'dist', 'index.html');

/**
 * What the bundle is made from: the web folder, the build configuration, the locked dependency
 * versions, and the one server file the client bundles at run time (the role table).
 */
const SOURCES = [webDir, join(root, 'vite.config.ts'), join(root, 'package-lock.json'), join(root, 'server', 'platform', 'access', 'policy.ts')];
const SKIP = new Set(['dist', 'node_modules']);

/** The newest file under `path`, as { file, mtimeMs }. */
function newest(path) {
  if (!existsSync(path)) return null;
  const stat = statSync(path);
  if (!stat.isDirectory()) return { file: path, mtimeMs: stat.mtimeMs };
  let best = null;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (SKIP.has(entry.name) || entry.name.startsWith('.')) continue;
    const found = newest(join(path, entry.name));
    if (found && (!best || found.mtimeMs > best.mtimeMs)) best = found;
  }
  return best;
}

/** Why the build must run, or null when web/dist is up to date. */
export function staleReason() {
  if (!existsSync(builtIndex)) return 'web/dist/index.html is missing';
  const builtAt = statSync(builtIndex).mtimeMs;
  for (const source of SOURCES) {
    const found = newest(source);
    if (found && found.mtimeMs > builtAt) return `${relative(root, found.file)} changed`;
  }
  return null;
}

function log(line) {
  process.stderr.write(`共治 web: ${line}\n`);
}

function viteBin() {
  const pkgPath = createRequire(import.meta.url).resolve('vite/package.json');
  return join(dirname(pkgPath), 'bin', 'vite.js');
}

/**
 * Build web/dist with Vite if it is missing or stale. Resolves true when it built, false when
 * the existing build was current; rejects when the build fails.
 */
export async function ensureWebBuilt({ force = false } = {}) {
  const reason = force ? 'forced' : staleReason();
  if (!reason) {
    log('网页已是最新 the web client is up to date');
    return false;
  }
  log(`正在构建网页 building the web client (${reason})…`);
  const started = Date.now();
  await new Promise((resolve, reject) => {
    // Always the production bundle: the test runner sets NODE_ENV=test, which would otherwise give
    // React's development build to whatever serves web/dist afterwards.
    const env = { ...process.env, NODE_ENV: 'production' };
    const child = spawn(process.execPath, [viteBin(), 'build', '--logLevel', 'warn'], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`vite build failed (${signal ?? `exit ${code}`})`))));
  });
  log(`构建完成 built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  ensureWebBuilt({ force: process.argv.includes('--force') }).catch((error) => {
    log(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
