import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { NearbyResult } from '../types.ts';

/** GET /public/cases/nearby: open cases of the category within 100 m of the point. */
export function getNearby(params: { lat: number; lng: number; category: string }, signal?: AbortSignal): Promise<NearbyResult> {
  return api.get('/public/cases/nearby', params, signal);
}

export function useNearby(params: { lat?: number; lng?: number; category?: string }) {
  const { lat, lng, category } = params;
  const ready = lat !== undefined && lng !== undefined && Boolean(category) && Number.isFinite(lat) && Number.isFinite(lng);
  return useQuery({
    queryKey: ['cases', 'nearby', lat, lng, category],
    queryFn: ({ signal }) => getNearby({ lat: lat!, lng: lng!, category: category! }, signal),
    enabled: ready,
  });
}
