import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { OverlapReport } from '../types.ts';

/** GET /grid/areas/overlaps?village=: sibling grids or micro-grids whose polygons overlap. */
export function getOverlaps(village: string, signal?: AbortSignal): Promise<OverlapReport> {
  return api.get<OverlapReport>('/grid/areas/overlaps', { village }, signal);
}

export function useOverlaps(village: string | undefined) {
  return useQuery({ queryKey: ['grid', 'overlaps', village], queryFn: ({ signal }) => getOverlaps(village ?? '', signal), enabled: Boolean(village) });
}
