import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type Generated } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { withStatementCache } from './index.ts';

const open: SqliteDatabase.Database[] = [];

function connection(): SqliteDatabase.Database {
  const c = new SqliteDatabase(':memory:');
  c.exec('create table notes (id integer primary key, body text not null)');
  c.prepare('insert into notes (body) values (?), (?), (?)').run('一', '二', '三');
  open.push(c);
  return c;
}

afterEach(() => {
  for (const c of open.splice(0)) if (c.open) c.close();
});

describe('SQLite statement cache', () => {
  it('prepares each SQL text once', () => {
    const cached = withStatementCache(connection());
    const a = cached.prepare('select body from notes where id = ?');
    expect(cached.prepare('select body from notes where id = ?')).toBe(a);
    expect(cached.prepare('select id from notes')).not.toBe(a);
    expect(a.all([2])).toEqual([{ body: '二' }]);
  });

  it('gives a fresh statement while the cached one is still being iterated', () => {
    const cached = withStatementCache(connection());
    const text = 'select body from notes order by id';
    const outer = cached.prepare(text);
    const bodies: string[] = [];
    for (const row of outer.iterate([]) as Iterable<{ body: string }>) {
      const inner = cached.prepare(text);
      expect(inner).not.toBe(outer);
      bodies.push(`${row.body}:${(inner.all([]) as unknown[]).length}`);
    }
    expect(bodies).toEqual(['一:3', '二:3', '三:3']);
    expect(cached.prepare(text)).toBe(outer);
  });

  it('drops the least recently used statement beyond its size', () => {
    const cached = withStatementCache(connection(), 2);
    const a = cached.prepare('select 1');
    const b = cached.prepare('select 2');
    expect(cached.prepare('select 1')).toBe(a); // now b is the least recently used
    cached.prepare('select 3');
    expect(cached.prepare('select 1')).toBe(a);
    expect(cached.prepare('select 2')).not.toBe(b);
  });

  it('runs Kysely queries, writes and streamed reads through it', async () => {
    const db = new Kysely<{ notes: { id: Generated<number>; body: string } }>({ dialect: new SqliteDialect({ database: withStatementCache(connection()) }) });
    await db.insertInto('notes').values({ body: '四' }).execute();
    await db.insertInto('notes').values({ body: '五' }).execute();
    // One connection: Kysely runs a streamed read to its end before the next query.
    for (let round = 0; round < 2; round++) {
      const streamed: string[] = [];
      for await (const row of db.selectFrom('notes').select('body').orderBy('id').stream()) streamed.push(row.body);
      expect(streamed).toEqual(['一', '二', '三', '四', '五']);
      expect(await db.selectFrom('notes').select('body').orderBy('id').execute()).toHaveLength(5);
    }
    expect((await sql<{ n: number }>`select count(*) as n from notes`.execute(db)).rows[0]!.n).toBe(5);
    await db.destroy();
  });

  it('begins transactions immediate, so that no other connection commits between a transaction’s read and its write', async () => {
    const dir = mkdtempSync(join(os.tmpdir(), 'gongzhi-immediate-'));
    try {
      const file = join(dir, 'notes.sqlite');
      const main = new SqliteDatabase(file);
      main.pragma('journal_mode = WAL');
      main.exec('create table notes (id integer primary key, body text not null)');
      const other = new SqliteDatabase(file, { timeout: 0 });
      open.push(main, other);
      const db = new Kysely<{ notes: { id: Generated<number>; body: string } }>({ dialect: new SqliteDialect({ database: withStatementCache(main) }) });
      let otherWrite: unknown = null;
      await db.transaction().execute(async (trx) => {
        await trx.selectFrom('notes').selectAll().execute();
        // Deferred, the other commit would go through and this transaction's write would be refused.
        try {
          other.prepare('insert into notes (body) values (?)').run('别处');
        } catch (error) {
          otherWrite = (error as { code?: string }).code;
        }
        await trx.insertInto('notes').values({ body: '这里' }).execute();
      });
      expect(otherWrite).toBe('SQLITE_BUSY');
      expect(await db.selectFrom('notes').select('body').execute()).toEqual([{ body: '这里' }]);
      // A read-only connection keeps deferred transactions (it could not take the write lock).
      const reader = new SqliteDatabase(file, { readonly: true });
      open.push(reader);
      const readDb = new Kysely<{ notes: { id: Generated<number>; body: string } }>({ dialect: new SqliteDialect({ database: withStatementCache(reader) }) });
      expect(await readDb.transaction().execute((trx) => trx.selectFrom('notes').select('body').execute())).toEqual([{ body: '这里' }]);
      await readDb.destroy();
      await db.destroy();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
