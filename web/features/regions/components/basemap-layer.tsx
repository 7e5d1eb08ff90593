import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { GeoJSON, useMap } from 'react-leaflet';
import { useBasemap, type Basemap } from '../api/get-basemap.ts';

/** Villages are named on the map only when there are few enough of them to read. */
const MAX_VILLAGE_LABELS = 120;

/**
 * Which seats are named: towns, and villages when there are few enough. A district's seat lies in
 * one of its towns, and its name would sit on that town's, so levels above town are named only
 * when there are no towns to name.
 */
function labelled(data: Basemap): Set<string> {
  const seats = data.features.filter((f) => f.properties.kind === 'seat');
  const count = (level: string) => seats.filter((f) => f.properties.level === level).length;
  const named = (level: string) => {
    if (level === 'village') return count('village') <= MAX_VILLAGE_LABELS;
    if (level === 'town') return true;
    return count('town') === 0 && count('village') === 0;
  };
  return new Set(seats.filter((f) => named(f.properties.level)).map((f) => f.properties.code));
}

/**
 * The deployment's outline and its towns (and villages, where their seats are known) by name, under whatever else a map shows:
 * without tiles a map is otherwise a blank sheet, and with them the outline still shows where the
 * service ends. With `fit`, the map first opens on the outline (once), wherever the deployment is.
 * Nothing here takes clicks: a tap goes through to the map.
 */
export function BasemapLayer({ fit, names }: { fit: boolean; names: boolean }) {
  const { data } = useBasemap();
  const map = useMap();
  const fitted = useRef(false);
  useEffect(() => {
    if (!data || !fit || fitted.current) return;
    const outlines = data.features.filter((f) => f.properties.kind === 'outline');
    if (outlines.length === 0) return;
    const bounds = L.geoJSON(outlines).getBounds();
    if (bounds.isValid()) {
      fitted.current = true;
      map.fitBounds(bounds, { padding: [8, 8] });
    }
  }, [data, fit, map]);
  if (!data) return null;
  const named = names ? labelled(data) : new Set<string>();
  return (
    <GeoJSON
      key={`${data.features.length}:${names}`}
      data={data}
      interactive={false}
      style={() => ({ color: '#c8161d', weight: 2, opacity: 0.7, dashArray: '6 4', fillColor: '#c8161d', fillOpacity: 0.03 })}
      pointToLayer={(feature: Basemap['features'][number], latlng) => {
        const dot = L.circleMarker(latlng, { radius: 3, color: '#595959', weight: 1, fillColor: '#8c8c8c', fillOpacity: 1, interactive: false });
        if (named.has(feature.properties.code)) {
          dot.bindTooltip(feature.properties.name, { permanent: true, direction: 'right', offset: [4, 0], className: 'gz-place-name', interactive: false });
        }
        return dot;
      }}
    />
  );
}
