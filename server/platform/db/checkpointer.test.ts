import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startCheckpointer, type Checkpointer } from './checkpointer.ts';

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

  it('falls back to checkpoints on the main connection when the worker cannot run', async () => {
    const { connection, file } = openWal();
    checkpointer = startCheckpointer(connection, file, { intervalMs: 20, walBytes: 1024, driver: join(os.tmpdir(), 'no-such-driver.cjs') });
    writeRows(connection);
    await until(() => !checkpointer!.offThread);
    expect(connection.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    connection.close();
  });
});
