import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { CaseList } from '../types.ts';

export interface CaseFilters {
  view?: 'inbox' | 'all';
  status?: string;
  category?: string;
  overdue?: 'true';
  /** A tracking number. */
  q?: string;
  cursor?: string;
  limit?: number;
}

/** GET /cases: cases in scope (the inbox: mine, overdue first), with what I may do on each. */
export function listCases(filters: CaseFilters, signal?: AbortSignal): Promise<CaseList> {
  return api.get('/cases', { ...filters }, signal);
}

export function useCases(filters: CaseFilters) {
  return useQuery({
    queryKey: ['cases', 'list', filters],
    queryFn: ({ signal }) => listCases(filters, signal),
    placeholderData: keepPreviousData,
  });
}
