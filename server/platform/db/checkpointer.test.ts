import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startCheckpointer, walIndexLength, type Checkpointer } from './checkpointer.ts';

const dirs: string[] = [];

function openWal(): { connection: SqliteDatabase.Database; file: string } {
  const dir = mkdtempSync(join(os.tmpdir(), 'gongzhi-checkpoint-'));
  dirs.push(dir);
  const file = join(dir, 'test.sqlite');
  const connection = new SqliteDatabase(file);
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = NORMAL');
  connection.exec('create table notes (id integer primary key, body text not null)');
  return { connection, file };
}

/** About 1.2 MB of committed rows, in many small commits (as intake writes them). */
function writeRows(connection: SqliteDatabase.Database): void {
  const insert = connection.prepare('insert into notes (body) values (?)');
  for (let i = 0; i < 300; i++) connection.transaction(() => insert.run('网格事件'.repeat(1000)))();
}

/**
 * A writer like intake: it waits out the checkpointer's pause (else a turn of the event loop), then
 * commits a row of about two pages. Resolves to how long the pause held it, or null if none did.
 */
async function commitLikeIntake(checkpointer: Checkpointer, connection: SqliteDatabase.Database): Promise<number | null> {
  const pause = checkpointer.pause();
  const started = performance.now();
  await (pause ?? new Promise((resolve) => setImmediate(resolve)));
  connection.prepare('insert into notes (body) values (?)').run('网格事件'.repeat(300));
  return pause ? performance.now() - started : null;
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the SQLite checkpointer', () => {
  let checkpointer: Checkpointer | undefined;
  afterEach(async () => {
    await checkpointer?.close();
    checkpointer = undefined;
  });

  it('leaves commits on the main connection to append only, and copies the WAL into the database file from its worker', async () => {
    const { connection, file } = openWal();
    checkpointer = startCheckpointer(connection, file, { intervalMs: 20, walBytes: 256 * 1024 });
    expect(connection.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const before = statSync(file).size;
    writeRows(connection);
    // Nothing has been copied into the database file by the commits themselves.
    expect(statSync(file).size).toBe(before);
    await until(() => checkpointer!.completed > 0);
    expect(statSync(file).size).toBeGreaterThan(before + 1_000_000);
    expect(checkpointer.offThread).toBe(true);
    // Every row is still there, read through the main connection.
    expect(connection.prepare('select count(*) as n from notes').get()).toEqual({ n: 300 });
    await checkpointer.close();
    connection.close();
  });

  it('starts the WAL afresh under steady commits when the writer waits for its pause, instead of letting it grow', async () => {
    const { connection, file } = openWal();
    // A long pause allowed, so that the finishing pass always completes on a slow disk too.
    checkpointer = startCheckpointer(connection, file, { intervalMs: 10, walBytes: 64 * 1024, pauseMs: 5_000 });
    let commits = 0;
    const commit = async () => {
      await commitLikeIntake(checkpointer!, connection);
      commits++;
    };
    const deadline = Date.now() + 20_000;
    while (checkpointer.restarts === 0 && Date.now() < deadline) await commit();
    expect(checkpointer.restarts).toBeGreaterThan(0);
    const grown = statSync(`${file}-wal`).size;
    // 2,000 more commits of two 4 KiB pages each: appended, they would add 16 MB.
    for (let i = 0; i < 2_000; i++) await commit();
    expect(checkpointer.restarts).toBeGreaterThan(1);
    expect(statSync(`${file}-wal`).size - grown).toBeLessThan((2_000 * 2 * 4096) / 4);
    // The blocks being rewritten were read into the cache ahead of the writer.
    expect(checkpointer.warmedBytes).toBeGreaterThan(0);
    expect(connection.prepare('select count(*) as n from notes').get()).toEqual({ n: commits });
    await checkpointer.close();
    connection.close();
  });

  it('lets writers go on after its limit when the finishing pass cannot finish', async () => {
    const { connection, file } = openWal();
    checkpointer = startCheckpointer(connection, file, { intervalMs: 10, walBytes: 64 * 1024, pauseMs: 30 });
    const insert = connection.prepare('insert into notes (body) values (?)');
    insert.run('第一条');
    // A reader keeps an old snapshot, so no pass can copy every frame and the WAL cannot restart:
    // each pause ends at the limit, or sooner when the pass is done.
    const reader = new SqliteDatabase(file, { readonly: true });
    reader.exec('begin');
    reader.prepare('select count(*) from notes').get();
    const pauses: number[] = [];
    for (let i = 0; i < 20_000 && pauses.length < 5; i++) {
      const held = await commitLikeIntake(checkpointer, connection);
      if (held !== null) pauses.push(held);
    }
    expect(pauses.length).toBeGreaterThan(0);
    expect(Math.max(...pauses)).toBeLessThan(30 + 200); // the limit, plus a timer's lateness on a busy machine
    expect(checkpointer.restarts).toBe(0);
    reader.exec('commit');
    reader.close();
    await checkpointer.close();
    connection.close();
  });

  it('reads the WAL’s length from the wal-index header as SQLite keeps it', () => {
    const { connection, file } = openWal();
    connection.pragma('wal_autocheckpoint = 0');
    writeRows(connection);
    const header = Buffer.alloc(48);
    const fd = openSync(`${file}-shm`, 'r');
    try {
      readSync(fd, header, 0, 48, 0);
    } finally {
      closeSync(fd);
    }
    // The checkpoint reports the frames the WAL held when it began: the same number.
    const { log } = (connection.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0]!;
    expect(walIndexLength(header)).toEqual({ frames: log, pageSize: 4096 });
    connection.close();
  });

  it('decodes the wal-index header in either byte order, and refuses one not initialised', () => {
    const header = Buffer.alloc(48);
    header[12] = 1;
    header.writeUInt16LE(1, 14);
    header.writeUInt32LE(70_000, 16);
    expect(walIndexLength(header, true)).toEqual({ frames: 70_000, pageSize: 65_536 });
    header.writeUInt16BE(8192, 14);
    header.writeUInt32BE(12, 16);
    expect(walIndexLength(header, false)).toEqual({ frames: 12, pageSize: 8192 });
    header[12] = 0;
    expect(walIndexLength(header, false)).toBeNull();
    expect(walIndexLength(Buffer.alloc(20), true)).toBeNull();
  });

  it('falls back to checkpoints on the main connection when the worker cannot run', async () => {
    const { connection, file } = openWal();
    checkpointer = startCheckpointer(connection, file, { intervalMs: 20, walBytes: 1024, driver: join(os.tmpdir(), 'no-such-driver.cjs') });
    writeRows(connection);
    await until(() => !checkpointer!.offThread);
    expect(connection.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    connection.close();
  });

  it('keeps a process that has nothing else to do alive until its worker has stopped', () => {
    // As a command does: write, close the database, then exit with its own code.
    const { file } = openWal();
    const script = join(mkdtempSync(join(os.tmpdir(), 'gongzhi-checkpoint-script-')), 'close.mts');
    dirs.push(join(script, '..'));
    const driver = pathToFileURL(createRequire(import.meta.url).resolve('better-sqlite3')).href;
    const module = new URL('./checkpointer.ts', import.meta.url).href;
    writeFileSync(
      script,
      `import Database from ${JSON.stringify(driver)};
import { startCheckpointer } from ${JSON.stringify(module)};
const connection = new Database(${JSON.stringify(file)});
const checkpointer = startCheckpointer(connection, ${JSON.stringify(file)}, { intervalMs: 5, walBytes: 64 * 1024 });
const insert = connection.prepare('insert into notes (body) values (?)');
for (let i = 0; i < 100; i++) insert.run('网格事件'.repeat(1000));
while (checkpointer.completed === 0) await new Promise((resolve) => setTimeout(resolve, 10));
await checkpointer.stop();
connection.close();
await checkpointer.close();
process.stdout.write('closed');
process.exitCode = 3;
`,
    );
    const root = fileURLToPath(new URL('../../..', import.meta.url));
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('closed');
    expect(run.status).toBe(3);
  });
});
