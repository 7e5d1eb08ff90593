import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { DrawnAreas } from '../types.ts';

/** GET /regions/geojson: the grid and micro-grid polygons within a region, as one FeatureCollection. */
export function getDrawnAreas(within: string, signal?: AbortSignal): Promise<DrawnAreas> {
  return api.get<DrawnAreas>('/regions/geojson', { within }, signal);
}

export function useDrawnAreas(within: string | undefined) {
  return useQuery({
    queryKey: ['regions', 'geojson', within],
    queryFn: ({ signal }) => getDrawnAreas(within ?? '', signal),
    enabled: Boolean(within),
    staleTime: 60_000,
  });
}
