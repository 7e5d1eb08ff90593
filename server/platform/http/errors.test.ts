import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { toAppError } from './app.ts';

describe('errors in the uniform body', () => {
  it('answers 503 “busy”, with a retry, when SQLite’s lock is held by another writer', () => {
    const dir = mkdtempSync(join(os.tmpdir(), 'gongzhi-busy-'));
    const holder = new SqliteDatabase(join(dir, 'busy.sqlite'));
    const writer = new SqliteDatabase(join(dir, 'busy.sqlite'), { timeout: 0 });
    try {
      holder.pragma('journal_mode = WAL');
      holder.exec('create table notes (body text)');
      holder.exec('begin immediate');
      let refused: unknown = null;
      try {
        writer.exec("insert into notes values ('别处')");
      } catch (error) {
        refused = error;
      }
      const appError = toAppError(refused);
      expect(appError.status).toBe(503);
      expect(appError.toBody()).toEqual({ error: { code: 'busy', message: expect.stringContaining('稍后重试') as string, details: [], retryAfterSeconds: 1 } });
    } finally {
      holder.close();
      writer.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers 503 for PostgreSQL’s serialization failures, deadlock victims and unavailable locks, and 500 for anything else', () => {
    for (const code of ['40001', '40P01', '55P03']) expect(toAppError(Object.assign(new Error('could not serialize'), { code })).status).toBe(503);
    expect(toAppError(Object.assign(new Error('syntax error'), { code: '42601' })).toBody().error.code).toBe('internal_error');
    expect(toAppError(new TypeError('x is undefined')).status).toBe(500);
  });
});
