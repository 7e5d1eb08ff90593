/**
 * What other features may use from the regions feature on a map. Apart from `index.ts` because it
 * brings Leaflet with it: only components that are themselves loaded lazily (maps) import this.
 */
export { BaseLayers, Tiles, tileServer } from './components/base-layers.tsx';
