import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { freePort } from '../server/testing/free-port.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Gongzhi server the tests drive, e.g. http://127.0.0.1:41234 */
    baseUrl: string;
    chromiumPath: string;
  }
}

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const START_TIMEOUT_MS = 120_000;

interface BuildScript {
  ensureWebBuilt(options?: { force?: boolean }): Promise<boolean>;
}

/** The build helper is plain JavaScript (it runs before anything is compiled), loaded by URL. */
async function loadBuildScript(): Promise<BuildScript> {
  const url = new URL('../scripts/build-web.mjs', import.meta.url).href;
  return (await import(url)) as BuildScript;
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the Gongzhi server exited with code ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the Gongzhi server did not answer ${url} within ${START_TIMEOUT_MS / 1000} s:\n${output()}`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Build the web client if needed, start a server with the demo data in a fresh data directory
 * on a free port, and hand its address to the tests. Without Chromium the run fails: browser
 * tests that silently skip would pass without testing anything.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}: install it (apt-get install chromium) or set CHROMIUM_PATH`);
  }

  const { ensureWebBuilt } = await loadBuildScript();
  await ensureWebBuilt();

  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'gongzhi-e2e-'));
  let log = '';
  const child = spawn(process.execPath, ['bin/gongzhi.mjs', 'serve', '--demo'], {
    cwd: repoRoot,
    env: { ...process.env, GONGZHI_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', GONGZHI_TILE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(`${baseUrl}/api/v1/health`, child, () => log);
  } catch (error) {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  project.provide('baseUrl', baseUrl);
  project.provide('chromiumPath', chromiumPath);

  return async () => {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  };
}
