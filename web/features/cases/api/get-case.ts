import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { CaseDetail } from '../types.ts';

/** GET /cases/:id: the case with its timeline, photos and the actions I may take. */
export function getCase(id: string, signal?: AbortSignal): Promise<CaseDetail> {
  return api.get(`/cases/${encodeURIComponent(id)}`, undefined, signal);
}

export function useCase(id: string | undefined) {
  return useQuery({
    queryKey: ['cases', 'detail', id],
    queryFn: ({ signal }) => getCase(id!, signal),
    enabled: Boolean(id),
  });
}
