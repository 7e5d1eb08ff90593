/**
 * Start-up figures of issue "Platform core": time from `npm start` to the first served page on a
 * fresh clone after `npm ci`, the server's idle memory, and the web bundle's initial JS size.
 * Baseline in the same run: a bare Node HTTP server started the same way.
 *
 *   node --import tsx bench/startup.bench.ts [--reuse DIR]
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { freePort } from '../server/testing/free-port.ts';

const repo = join(import.meta.dirname, '..');

async function firstPage(port: number, started: number, child: ChildProcess, timeoutMs = 180_000): Promise<number> {
  for (;;) {
    if (Date.now() - started > timeoutMs) throw new Error('no page within the time limit');
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`);
      if (res.ok && (await res.text()).includes('<')) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Resident memory of the largest process in a tree (the server; npm and shells are small wrappers), in MiB. */
function treeRssMiB(pid: number): number {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,rss=']).toString();
  const rows = out
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number) as [number, number, number]);
  const ids = new Set([pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [p, pp] of rows) {
      if (ids.has(pp) && !ids.has(p)) {
        ids.add(p);
        grew = true;
      }
    }
  }
  return Math.max(...rows.filter(([p]) => ids.has(p)).map(([, , rss]) => rss)) / 1024;
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      child.kill('SIGTERM');
    }
  });
}

async function measureStart(cwd: string, command: string[], env: NodeJS.ProcessEnv) {
  const port = await freePort();
  const started = Date.now();
  const child = spawn(command[0]!, command.slice(1), { cwd, env: { ...process.env, ...env, PORT: String(port) }, stdio: 'ignore', detached: true });
  const ms = await firstPage(port, started, child);
  await new Promise((r) => setTimeout(r, 5000));
  const rss = treeRssMiB(child.pid!);
  await stop(child);
  return { ms, rss };
}

function bundle(dist: string) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const gz = (f: string) => gzipSync(readFileSync(join(dist, f))).length;
  const all = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'));
  return {
    initialKiB: initial.reduce((s, f) => s + gz(f), 0) / 1024,
    initialFiles: initial.length,
    allKiB: all.reduce((s, f) => s + gz(join('assets', f)), 0) / 1024,
    chunks: all.length,
    largest: all
      .map((f) => ({ f, kib: gz(join('assets', f)) / 1024 }))
      .sort((a, b) => b.kib - a.kib)
      .slice(0, 5),
  };
}

async function main() {
  const reuse = process.argv.includes('--reuse') ? process.argv[process.argv.indexOf('--reuse') + 1] : undefined;
  const dir = reuse ?? mkdtempSync(join(tmpdir(), 'gongzhi-startup-'));
  let ciSeconds = NaN;
  if (!reuse) {
    execFileSync('git', ['clone', '--quiet', repo, dir]);
    const t0 = Date.now();
    execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: 'inherit' });
    ciSeconds = (Date.now() - t0) / 1000;
  }
  // Baseline: the smallest Node HTTP server, started and measured the same way.
  const baselineFile = join(dir, '.bench-baseline.mjs');
  writeFileSync(baselineFile, "import http from 'node:http'; http.createServer((q, s) => s.end('<p>ok</p>')).listen(Number(process.env.PORT));");
  const baseline = await measureStart(dir, [process.execPath, baselineFile], {});
  const dataDir = mkdtempSync(join(tmpdir(), 'gongzhi-startup-data-'));
  const first = await measureStart(dir, ['npm', 'start'], { GONGZHI_DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  const second = await measureStart(dir, ['npm', 'start'], { GONGZHI_DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  const dbMiB = existsSync(join(dataDir, 'gongzhi.sqlite')) ? statSync(join(dataDir, 'gongzhi.sqlite')).size / 2 ** 20 : 0;
  const b = bundle(join(dir, 'web/dist'));
  const line = (name: string, value: string, base: string, ratio: string) => console.log(`${name.padEnd(46)} ${value.padStart(12)} ${base.padStart(12)} ${ratio.padStart(8)}`);
  console.log(`\nnpm ci on the fresh clone: ${Number.isNaN(ciSeconds) ? 'reused' : `${ciSeconds.toFixed(1)} s`}`);
  line('figure', 'Gongzhi', 'baseline', 'ratio');
  line('npm start → first page, first start (demo seed)', `${(first.ms / 1000).toFixed(2)} s`, `${(baseline.ms / 1000).toFixed(2)} s`, `${(first.ms / baseline.ms).toFixed(1)}×`);
  line('npm start → first page, later start', `${(second.ms / 1000).toFixed(2)} s`, `${(baseline.ms / 1000).toFixed(2)} s`, `${(second.ms / baseline.ms).toFixed(1)}×`);
  line('idle memory (server RSS), MiB', second.rss.toFixed(0), baseline.rss.toFixed(0), `${(second.rss / baseline.rss).toFixed(1)}×`);
  line('initial JS, gzip KiB (goal < 600)', b.initialKiB.toFixed(0), b.allKiB.toFixed(0), `${((100 * b.initialKiB) / b.allKiB).toFixed(0)}%`);
  console.log(`(bundle baseline = all ${b.chunks} JS chunks; initial = ${b.initialFiles} files loaded by index.html; demo database ${dbMiB.toFixed(1)} MiB)`);
  console.log('largest chunks (gzip KiB):', b.largest.map((c) => `${c.f} ${c.kib.toFixed(0)}`).join(', '));
  rmSync(dataDir, { recursive: true, force: true });
  if (!reuse) rmSync(dir, { recursive: true, force: true });
}

await main();
