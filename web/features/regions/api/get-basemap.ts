import { useQuery } from '@tanstack/react-query';
import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { api } from '../../../lib/api.ts';

export interface BasemapProperties {
  code: string;
  name: string;
  level: string;
  /** `outline`: a region's boundary; `seat`: where its government sits, for its name. */
  kind: 'outline' | 'seat';
}

export type Basemap = FeatureCollection<Polygon | MultiPolygon | Point, BasemapProperties>;

/** GET /public/basemap: administrative outlines and seats, for a map without tiles (no sign-in). */
export function getBasemap(signal?: AbortSignal): Promise<Basemap> {
  return api.get<Basemap>('/public/basemap', undefined, signal);
}

export function useBasemap() {
  return useQuery({ queryKey: ['regions', 'basemap'], queryFn: ({ signal }) => getBasemap(signal), staleTime: 60 * 60_000 });
}

export interface BasemapAreas extends FeatureCollection<Polygon | MultiPolygon, { code: string; name: string; level: string }> {
  truncated: boolean;
}

/** GET /public/basemap/areas: the grids and micro-grids in a street-sized box (no sign-in). */
export function getBasemapAreas(bbox: string, signal?: AbortSignal): Promise<BasemapAreas> {
  return api.get<BasemapAreas>('/public/basemap/areas', { bbox }, signal);
}

export function useBasemapAreas(bbox: string | null) {
  return useQuery({
    queryKey: ['regions', 'basemap-areas', bbox],
    queryFn: ({ signal }) => getBasemapAreas(bbox!, signal),
    enabled: bbox !== null,
    staleTime: 5 * 60_000,
    placeholderData: (previous) => previous,
  });
}
