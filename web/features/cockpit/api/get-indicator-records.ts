import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { IndicatorRecords } from '../types.ts';

export interface RecordsParams {
  id: string;
  region: string;
  limit: number;
  offset: number;
}

/** GET /indicators/ID/records: the records behind a figure, paged by offset. */
export function getIndicatorRecords({ id, ...query }: RecordsParams, signal?: AbortSignal): Promise<IndicatorRecords> {
  return api.get<IndicatorRecords>(`/indicators/${encodeURIComponent(id)}/records`, { ...query }, signal);
}

export function useIndicatorRecords(params: RecordsParams | null) {
  return useQuery({
    queryKey: ['indicators', 'records', params],
    queryFn: ({ signal }) => getIndicatorRecords(params!, signal),
    enabled: params !== null,
    placeholderData: keepPreviousData,
  });
}

/** Every record (for export), 500 at a time. */
export async function getAllIndicatorRecords(id: string, region: string, cap = 50_000): Promise<IndicatorRecords> {
  const first = await getIndicatorRecords({ id, region, limit: 500, offset: 0 });
  const rows = [...first.rows];
  while (rows.length < Math.min(first.total, cap)) {
    const page = await getIndicatorRecords({ id, region, limit: 500, offset: rows.length });
    if (page.rows.length === 0) break;
    rows.push(...page.rows);
  }
  return { ...first, rows };
}
