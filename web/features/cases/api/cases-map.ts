import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { CaseMap } from '../types.ts';

/** GET /cases/map: located cases in scope as GeoJSON points. */
export function getCasesMap(filters: { status?: string; category?: string; overdue?: 'true' }, signal?: AbortSignal): Promise<CaseMap> {
  return api.get('/cases/map', { ...filters }, signal);
}

export function useCasesMap(filters: { status?: string; category?: string; overdue?: 'true' }) {
  return useQuery({
    queryKey: ['cases', 'map', filters],
    queryFn: ({ signal }) => getCasesMap(filters, signal),
    placeholderData: keepPreviousData,
  });
}
