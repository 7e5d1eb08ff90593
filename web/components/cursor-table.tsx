import { Table, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import { CursorPager } from './cursor-pager.tsx';
import { ErrorAlert } from './error-alert.tsx';

/** A list read one page at a time by cursor; TanStack Query's `useQuery` result fits. */
export interface CursorQuery<T> {
  data: { items: T[]; nextCursor: string | null } | undefined;
  isError: boolean;
  error: unknown;
  isFetching: boolean;
  refetch: () => Promise<unknown>;
}

/**
 * A page of a list paged by cursor, as a table: the read's error with a retry, then `above` (a
 * count, say), the rows (no page numbers; a wide table scrolls sideways), and first / previous / next.
 */
export function CursorTable<T extends object>({
  query,
  emptyText,
  above,
  ...table
}: { query: CursorQuery<T>; emptyText: ReactNode; above?: ReactNode } & Omit<TableProps<T>, 'loading' | 'dataSource' | 'pagination' | 'scroll' | 'locale'>) {
  return (
    <>
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} style={{ marginBottom: 12 }} /> : null}
      {above}
      <Table<T> {...table} loading={query.isFetching} dataSource={query.data?.items ?? []} pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText }} />
      <CursorPager nextCursor={query.data?.nextCursor} loading={query.isFetching} />
    </>
  );
}
