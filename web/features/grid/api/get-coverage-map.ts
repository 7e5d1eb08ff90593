import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { CoverageMap } from '../types.ts';

/** GET /grid/coverage.geojson?region=: micro-grid polygons with their staffing status. */
export function getCoverageMap(region: string, signal?: AbortSignal): Promise<CoverageMap> {
  return api.get<CoverageMap>('/grid/coverage.geojson', { region }, signal);
}

export function useCoverageMap(region: string | undefined) {
  return useQuery({ queryKey: ['grid', 'coverage-map', region], queryFn: ({ signal }) => getCoverageMap(region ?? '', signal), enabled: Boolean(region) });
}
