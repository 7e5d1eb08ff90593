/**
 * The database's tables. Each module adds its own tables to this interface from its
 * repository.ts (`declare module '…/platform/db/types.ts'`), so a table's type lives beside its SQL.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Database {}

export type DialectName = 'sqlite' | 'postgres';

/** Columns every table has. Timestamps are ISO-8601 UTC text on both databases. */
export interface Timestamps {
  created_at: string;
  updated_at: string;
}
