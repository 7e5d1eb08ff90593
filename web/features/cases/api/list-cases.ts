import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, saveBlob } from '../../../lib/api.ts';
import type { CaseList } from '../types.ts';

export interface CaseFilters {
  view?: 'inbox' | 'all';
  status?: string;
  category?: string;
  overdue?: 'true';
  /** A region the cases lie in (any level in scope). */
  region?: string;
  /** A tracking number. */
  q?: string;
  cursor?: string;
  limit?: number;
}

/** GET /cases: cases in scope (the inbox: mine, overdue first), with what I may do on each. */
export function listCases(filters: CaseFilters, signal?: AbortSignal): Promise<CaseList> {
  return api.get('/cases', { ...filters }, signal);
}

/** GET /cases?format=xlsx: the filtered list as a spreadsheet (all pages). */
export async function exportCases(filters: Omit<CaseFilters, 'cursor' | 'limit'>, name: string): Promise<void> {
  saveBlob(await api.download('/cases', { ...filters, format: 'xlsx' }, `${name}.xlsx`));
}

export function useCases(filters: CaseFilters) {
  return useQuery({
    queryKey: ['cases', 'list', filters],
    queryFn: ({ signal }) => listCases(filters, signal),
    placeholderData: keepPreviousData,
  });
}
