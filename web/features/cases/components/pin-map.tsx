import 'leaflet/dist/leaflet.css';
import { useEffect } from 'react';
import { CircleMarker, MapContainer, ScaleControl, useMap, useMapEvents } from 'react-leaflet';
import { BaseLayers, tileServer } from '../../regions/map.ts';

export interface PinMapProps {
  value: { lat: number; lng: number } | null;
  onPick: (point: { lat: number; lng: number }) => void;
  height: number;
}

function ClickToPin({ onPick }: Pick<PinMapProps, 'onPick'>) {
  useMapEvents({
    click: (event) =>
      onPick({
        lat: Math.round(event.latlng.lat * 1e6) / 1e6,
        lng: Math.round(event.latlng.lng * 1e6) / 1e6,
      }),
  });
  return null;
}

function Follow({ value }: Pick<PinMapProps, 'value'>) {
  const map = useMap();
  useEffect(() => {
    if (value) map.setView([value.lat, value.lng], Math.max(map.getZoom(), 16));
  }, [map, value]);
  return null;
}

/**
 * A map to tap a location on: a circle marks it (no image assets, so it works offline). Over the
 * base map (the outline and place names), so it is not blank without tiles.
 */
export default function PinMap({ value, onPick, height }: PinMapProps) {
  return (
    <div data-testid="pin-map">
      <MapContainer
        style={{
          height,
          width: '100%',
          borderRadius: 6,
          background: '#eef3f7',
        }}
        center={value ? [value.lat, value.lng] : [30.88, 104.3]}
        zoom={value ? 16 : 11}
        zoomSnap={0.25}
        attributionControl={tileServer() !== null}
      >
        <BaseLayers fit={!value} />
        <ScaleControl imperial={false} />
        <ClickToPin onPick={onPick} />
        <Follow value={value} />
        {value ? (
          <CircleMarker
            center={[value.lat, value.lng]}
            radius={9}
            pathOptions={{
              color: '#c8161d',
              fillColor: '#c8161d',
              fillOpacity: 0.6,
            }}
          />
        ) : null}
      </MapContainer>
    </div>
  );
}
