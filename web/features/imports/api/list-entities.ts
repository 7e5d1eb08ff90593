import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { TabularEntityView } from '../types.ts';

/** GET /tabular: the spreadsheets this user may export or import. */
export function listEntities(signal?: AbortSignal): Promise<{ items: TabularEntityView[] }> {
  return api.get<{ items: TabularEntityView[] }>('/tabular', undefined, signal);
}

export function useEntities() {
  return useQuery({ queryKey: ['tabular', 'entities'], queryFn: ({ signal }) => listEntities(signal), staleTime: 5 * 60_000 });
}
