import { TileLayer } from 'react-leaflet';
import { BasemapLayer } from './basemap-layer.tsx';

/** The deployment's tile server (`GONGZHI_TILE_URL`), when it has one. */
export function tileServer(): { url: string; attribution: string } | null {
  const url = typeof window === 'undefined' ? undefined : window.__GONGZHI__?.tileUrl;
  return url ? { url, attribution: window.__GONGZHI__?.tileAttribution ?? '' } : null;
}

/** The tiles, when the deployment has a tile server; nothing otherwise. */
export function Tiles() {
  const tiles = tileServer();
  return tiles ? <TileLayer url={tiles.url} attribution={tiles.attribution} /> : null;
}

/**
 * What every map of places draws first: the tiles when there are any, and the base map (outlines,
 * and names where there are no tiles to carry them). `fit`: open on the deployment's outline.
 */
export function BaseLayers({ fit }: { fit: boolean }) {
  return (
    <>
      <Tiles />
      <BasemapLayer fit={fit} names={tileServer() === null} />
    </>
  );
}
