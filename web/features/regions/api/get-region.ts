import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { RegionDetail } from '../types.ts';

/** GET /regions/CODE: the region with its geometry, ancestors (root first) and descendant counts. */
export function getRegion(code: string, signal?: AbortSignal): Promise<RegionDetail> {
  return api.get<RegionDetail>(`/regions/${encodeURIComponent(code)}`, undefined, signal);
}

export const regionQuery = (code: string) =>
  queryOptions({ queryKey: ['regions', 'detail', code], queryFn: ({ signal }) => getRegion(code, signal), staleTime: 60_000 });

export function useRegion(code: string | undefined) {
  return useQuery({ ...regionQuery(code ?? ''), enabled: Boolean(code) });
}
