import 'leaflet/dist/leaflet.css';
import type { GeoJsonObject } from 'geojson';
import L from 'leaflet';
import { useEffect } from 'react';
import { CircleMarker, GeoJSON, MapContainer, ScaleControl, useMap } from 'react-leaflet';
import { useRegion } from '../../regions/index.ts';
import { BaseLayers, tileServer } from '../../regions/map.ts';

const AREA_STYLE = { color: '#1677ff', weight: 2, opacity: 0.8, fillColor: '#1677ff', fillOpacity: 0.06 };

/** Open on the case's area (its micro-grid, village…) with the case inside it, once the outline is known. */
function Fit({ area, lat, lng }: { area: GeoJsonObject | null; lat: number; lng: number }) {
  const map = useMap();
  useEffect(() => {
    if (!area) return;
    const bounds = L.geoJSON(area).getBounds().extend([lat, lng]);
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [16, 16], maxZoom: 17 });
  }, [map, area, lat, lng]);
  return null;
}

/**
 * Where a case is: the point over the outline of the area it was routed to (with the base map, or
 * tiles when the deployment has them), so whoever handles it sees where to go.
 */
export default function CaseLocationMap({ lat, lng, regionCode, height }: { lat: number; lng: number; regionCode: string; height: number }) {
  const region = useRegion(regionCode);
  const area = (region.data?.geometry as GeoJsonObject | null | undefined) ?? null;
  return (
    <div data-testid="case-location-map">
      <MapContainer style={{ height, width: '100%', borderRadius: 6, background: '#eef3f7' }} center={[lat, lng]} zoom={15} zoomSnap={0.25} attributionControl={tileServer() !== null}>
        <BaseLayers fit={false} />
        {area ? <GeoJSON key={regionCode} data={area} style={AREA_STYLE} interactive={false} /> : null}
        <Fit area={area} lat={lat} lng={lng} />
        <ScaleControl imperial={false} />
        <CircleMarker center={[lat, lng]} radius={9} pathOptions={{ color: '#c8161d', fillColor: '#c8161d', fillOpacity: 0.6 }} />
      </MapContainer>
    </div>
  );
}
