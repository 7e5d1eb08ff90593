import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, sql, type SqliteDatabase as KyselySqliteDatabase, type SqliteStatement, type Transaction } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import { startCheckpointer } from './checkpointer.ts';
import type { Database, DialectName } from './types.ts';

export type { Database, DialectName } from './types.ts';
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

export interface DatabaseHandle {
  db: Db;
  /**
   * For reads that must not wait behind a long write transaction (signing a request in while a
   * 70,000-row import runs): a second SQLite connection, which WAL lets read concurrently; on
   * PostgreSQL the same pool.
   */
  readDb: Db;
  dialect: DialectName;
  /**
   * A moment's pause asked of writers that can choose when to write, or null (see
   * `Checkpointer.pause`): on SQLite while the checkpointer copies the WAL's last frames, so that
   * the next commit can start the WAL afresh instead of growing it. Never on PostgreSQL.
   */
  writePause(): Promise<void> | null;
  /** Where the data lives, without credentials: a file path or host/database. */
  location: string;
  close(): Promise<void>;
}

// int8 (counts, money in fen) and numeric come back from pg as strings; every value we store fits a double.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>, options: { poolSize?: number } = {}): DatabaseHandle {
  if (config.databaseUrl) {
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: options.poolSize ?? 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const url = new URL(config.databaseUrl);
    return { db, readDb: db, dialect: 'postgres', writePause: () => null, location: `${url.hostname}:${url.port || 5432}${url.pathname}`, close: () => db.destroy() };
  }
  const file = join(config.dataDir, 'gongzhi.sqlite');
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const checkpointer = startCheckpointer(sqlite, file);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  const reader = new SqliteDatabase(file, { readonly: true });
  reader.pragma('busy_timeout = 5000');
  const readDb = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(reader) }) });
  return {
    db,
    readDb,
    dialect: 'sqlite',
    writePause: () => checkpointer.pause(),
    location: file,
    close: async () => {
      await checkpointer.stop();
      await readDb.destroy();
      await db.destroy();
      await checkpointer.close(); // its files last: closing them drops the process's locks on them
    },
  };
}

/** Prepared statements kept per connection; the least recently used beyond this are dropped. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * A SQLite connection that prepares each distinct SQL text once and reuses the statement. Kysely
 * prepares every query afresh, and every prepared statement is a native object the garbage
 * collector must finalise: at a thousand reports a second that was a pause in every collection.
 * A statement still being iterated (a streamed read) is not handed out twice: that query gets a
 * fresh one.
 *
 * Transactions on a connection that may write begin `immediate`, taking the write lock at once.
 * A deferred transaction reads first, and if another connection commits before it writes (the
 * checkpointer's worker restarting the WAL, or a command-line process), SQLite refuses its write
 * (`SQLITE_BUSY_SNAPSHOT`) without waiting. Taking the lock first, it waits for the other writer
 * instead (`busy_timeout`).
 */
export function withStatementCache(connection: SqliteDatabase.Database, size = STATEMENT_CACHE_SIZE): KyselySqliteDatabase {
  const statements = new Map<string, SqliteDatabase.Statement>();
  const begin = connection.readonly ? 'begin' : 'begin immediate';
  return {
    prepare(query: string): SqliteStatement {
      const text = query === 'begin' ? begin : query;
      const cached = statements.get(text);
      if (cached) {
        if (cached.busy) return connection.prepare(text);
        statements.delete(text);
        statements.set(text, cached);
        return cached;
      }
      const statement = connection.prepare(text);
      statements.set(text, statement);
      if (statements.size > size) statements.delete(statements.keys().next().value!);
      return statement;
    },
    close() {
      statements.clear();
      connection.close();
    },
  };
}

/** SQL texts of `insertRows`, by dialect, table, columns and row count; the oldest dropped beyond this. */
const INSERT_TEXTS = 1_000;
const insertTexts = new Map<string, string>();

/**
 * A multi-row INSERT of plain rows, without the query builder: the SQL text is made once per table,
 * columns and row count and the values are passed as one flat list. For the hot write paths (intake
 * writes several inserts per batch, hundreds of batches a second), where building and compiling the
 * query was a large part of the work. The columns are the first row's; a value missing or undefined
 * in a row is written as null (not the column's default).
 */
export async function insertRows<T extends keyof Database & string>(db: Db, dialect: DialectName, table: T, rows: readonly Database[T][]): Promise<void> {
  const first = rows[0] as Record<string, unknown> | undefined;
  if (!first) return;
  const columns = Object.keys(first);
  const key = `${dialect} ${table} ${rows.length} ${columns.join(',')}`;
  let text = insertTexts.get(key);
  if (!text) {
    let n = 0;
    const placeholder = dialect === 'postgres' ? () => `$${++n}` : () => '?';
    const tuples = rows.map(() => `(${columns.map(placeholder).join(', ')})`);
    text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${tuples.join(', ')}`;
    insertTexts.set(key, text);
    if (insertTexts.size > INSERT_TEXTS) insertTexts.delete(insertTexts.keys().next().value!);
  }
  const parameters: unknown[] = new Array(rows.length * columns.length);
  let k = 0;
  for (const row of rows as unknown as readonly Record<string, unknown>[]) {
    for (const column of columns) parameters[k++] = row[column] ?? null;
  }
  await db.executeQuery(CompiledQuery.raw(text, parameters));
}

/**
 * A write refused because the database was busy, not because anything is wrong with it: SQLite's
 * lock held by another writer beyond the busy timeout (`SQLITE_BUSY…`, `SQLITE_LOCKED…`), or on
 * PostgreSQL a serialization failure, a deadlock victim or a lock not available. Its transaction
 * was rolled back.
 */
export function isBusyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || code === '40001' || code === '40P01' || code === '55P03';
}

/** Case-insensitive substring match, the same on both databases. */
export function containsText(dialect: DialectName, column: string, text: string) {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return dialect === 'postgres'
    ? sql<boolean>`${sql.ref(column)} ilike ${pattern} escape '\\'`
    : sql<boolean>`${sql.ref(column)} like ${pattern} escape '\\'`;
}

/** Serialise writers that must see each other (a capacity check and its write): an advisory lock on pg; SQLite already has one writer. */
export async function lockForAppend(trx: Tx, dialect: DialectName, key: number): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${key})`.execute(trx);
}

export function toCount(value: unknown): number {
  return typeof value === 'number' ? value : Number(value ?? 0);
}
