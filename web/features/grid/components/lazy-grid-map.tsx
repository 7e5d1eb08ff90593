import type { GeoJsonProperties } from 'geojson';
import { lazy, type ReactElement } from 'react';
import type { GridMapProps } from './grid-map.tsx';

/** The map loads with Leaflet on first use; typed as the generic component it is (lazy() would drop the type parameter). */
export const LazyGridMap = lazy(() => import('./grid-map.tsx')) as unknown as <P extends GeoJsonProperties>(props: GridMapProps<P>) => ReactElement;
