import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Ladder } from '../types.ts';

/** GET /projects/ladder: the status ladder admins define. */
export function getLadder(signal?: AbortSignal): Promise<Ladder> {
  return api.get<Ladder>('/projects/ladder', undefined, signal);
}

export function useLadder() {
  return useQuery({ queryKey: ['projects', 'ladder'], queryFn: ({ signal }) => getLadder(signal), staleTime: 5 * 60_000 });
}
