import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { CandidatesResult } from '../types.ts';

/** GET /cases/:id/candidates: the micro-grid's members of the category's force type, and the offices above. */
export function getCandidates(id: string, signal?: AbortSignal): Promise<CandidatesResult> {
  return api.get(`/cases/${encodeURIComponent(id)}/candidates`, undefined, signal);
}

export function useCandidates(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['cases', 'candidates', id],
    queryFn: ({ signal }) => getCandidates(id, signal),
    enabled,
  });
}
