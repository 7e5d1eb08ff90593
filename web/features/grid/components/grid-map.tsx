import 'leaflet/dist/leaflet.css';
import L, { type PathOptions } from 'leaflet';
import type { Feature, FeatureCollection, GeoJsonProperties, Geometry } from 'geojson';
import { useEffect, useMemo } from 'react';
import { GeoJSON, MapContainer, Pane, ScaleControl, useMap } from 'react-leaflet';
import { Tiles, tileServer } from '../../regions/map.ts';

export interface GridMapProps<P extends GeoJsonProperties> {
  data: FeatureCollection<Geometry, P>;
  /** How each polygon looks, from its properties. */
  styleOf: (properties: P) => PathOptions;
  tooltipOf: (properties: P) => string;
  onSelect?: (properties: P) => void;
  /** The district outline, drawn underneath as the land. */
  outline?: Geometry | null;
  height: number | string;
}

const OUTLINE_STYLE: PathOptions = { color: '#c8161d', weight: 2, fillColor: '#ffffff', fillOpacity: 0.85 };

function FitBounds({ data, dataKey }: { data: FeatureCollection; dataKey: string }) {
  const map = useMap();
  useEffect(() => {
    if (data.features.length === 0) return;
    const bounds = L.geoJSON(data).getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [16, 16], maxZoom: 17 });
    // A new region moves the map; a refetch of the same one leaves the user's zoom alone.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, dataKey]);
  return null;
}

/** Polygons on a plain background (no tiles unless the deployment configures a tile server), coloured by the caller. */
export default function GridMap<P extends GeoJsonProperties>({ data, styleOf, tooltipOf, onSelect, outline, height }: GridMapProps<P>) {
  const dataKey = useMemo(() => data.features.map((f) => String(f.id ?? '')).join(','), [data]);
  // Leaflet's GeoJSON layer reads its data once: a new key redraws it when the colours change.
  const styleKey = useMemo(() => JSON.stringify(data.features.map((f) => styleOf(f.properties))), [data, styleOf]);
  return (
    <MapContainer className="gz-map" style={{ height, width: '100%', borderRadius: 6 }} center={[30.88, 104.3]} zoom={11} zoomSnap={0.25} attributionControl={tileServer() !== null}>
      <Tiles />
      <ScaleControl imperial={false} />
      <FitBounds data={data} dataKey={dataKey} />
      {/* Its own pane below the polygons' (400), so it stays underneath whenever it arrives. */}
      <Pane name="land" style={{ zIndex: 350 }}>
        {outline ? <GeoJSON key={`outline-${JSON.stringify(outline).length}`} data={outline} style={OUTLINE_STYLE} interactive={false} /> : null}
      </Pane>
      <GeoJSON
        key={`${dataKey}|${styleKey.length}|${styleKey.slice(0, 64)}`}
        data={data}
        style={(feature) => styleOf((feature as Feature<Geometry, P>).properties)}
        onEachFeature={(feature, layer) => {
          const properties = (feature as Feature<Geometry, P>).properties;
          layer.bindTooltip(tooltipOf(properties), { sticky: true });
          if (onSelect) layer.on('click', () => onSelect(properties));
        }}
      />
    </MapContainer>
  );
}
