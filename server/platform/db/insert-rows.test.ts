import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { insertRows, withStatementCache, type Db } from './index.ts';

let db: Kysely<{ notes: { id: number; body: string; score: number | null; tag: string | null } }>;

afterEach(async () => db?.destroy());

function open() {
  const connection = new SqliteDatabase(':memory:');
  connection.exec('create table notes (id integer primary key, body text not null, score real, tag text default \'无\')');
  db = new Kysely({ dialect: new SqliteDialect({ database: withStatementCache(connection) }) });
  return db as unknown as Db;
}

const table = 'notes' as never;

describe('insertRows', () => {
  it('writes every row with its values, for any number of rows', async () => {
    const target = open();
    const rows = [
      { id: 1, body: '一', score: 1.5, tag: 'a' },
      { id: 2, body: '二', score: null, tag: 'b' },
    ];
    await insertRows(target, 'sqlite', table, rows as never);
    await insertRows(target, 'sqlite', table, [{ id: 3, body: '三', score: 0, tag: null }] as never);
    await insertRows(target, 'sqlite', table, [{ id: 4, body: '四', score: -2, tag: 'd' }, { id: 5, body: '五', score: 3, tag: 'e' }] as never);
    expect(await db.selectFrom('notes').selectAll().orderBy('id').execute()).toEqual([
      ...rows,
      { id: 3, body: '三', score: 0, tag: null },
      { id: 4, body: '四', score: -2, tag: 'd' },
      { id: 5, body: '五', score: 3, tag: 'e' },
    ]);
  });

  it('writes a value missing from a row as null', async () => {
    const target = open();
    await insertRows(target, 'sqlite', table, [{ id: 1, body: '一', score: 2, tag: 'x' }, { id: 2, body: '二' }] as never);
    expect(await db.selectFrom('notes').select(['id', 'score', 'tag']).orderBy('id').execute()).toEqual([
      { id: 1, score: 2, tag: 'x' },
      { id: 2, score: null, tag: null },
    ]);
  });

  it('does nothing for no rows, and a failing row writes none of the others', async () => {
    const target = open();
    await insertRows(target, 'sqlite', table, []);
    await expect(insertRows(target, 'sqlite', table, [{ id: 1, body: '一' }, { id: 2, body: null }] as never)).rejects.toThrow(/NOT NULL/);
    expect(await db.selectFrom('notes').selectAll().execute()).toEqual([]);
  });
});
