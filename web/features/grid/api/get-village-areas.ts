import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { DrawnAreas } from '../types.ts';

/** GET /regions/geojson?within=: a village's grid and micro-grid polygons (served by the regions module). */
export function getVillageAreas(village: string, signal?: AbortSignal): Promise<DrawnAreas> {
  return api.get<DrawnAreas>('/regions/geojson', { within: village }, signal);
}

export function useVillageAreas(village: string | undefined) {
  return useQuery({ queryKey: ['grid', 'areas', village], queryFn: ({ signal }) => getVillageAreas(village ?? '', signal), enabled: Boolean(village) });
}
