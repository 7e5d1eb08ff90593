import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useEffect } from 'react';
import { CircleMarker, MapContainer, ScaleControl, Tooltip, useMap } from 'react-leaflet';
import { useNavigate } from 'react-router';
import { useLang } from '../../../lib/i18n.tsx';
import { BaseLayers, tileServer } from '../../regions/map.ts';
import { drawRank, inDrawingOrder } from '../map-order.ts';
import { STATUS_COLORS, STATUS_LABELS } from '../messages.ts';
import type { CaseMap, CaseStatus } from '../types.ts';

function FitBounds({ data }: { data: CaseMap }) {
  const map = useMap();
  const key = data.features.length;
  useEffect(() => {
    if (data.features.length === 0) return;
    const bounds = L.latLngBounds(data.features.map((f) => [f.geometry.coordinates[1], f.geometry.coordinates[0]] as [number, number]));
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 17 });
    // Refit when the set changes size (new filters), not on every refetch.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, key]);
  return null;
}

/** Cases as dots coloured by status (overdue ones ringed in red, finished ones small and faint, under the rest); a tap opens the case. */
export default function CasesMap({ data, height }: { data: CaseMap; height: number | string }) {
  const { pick } = useLang();
  const navigate = useNavigate();
  return (
    <div data-testid="cases-map">
      <MapContainer
        style={{
          height,
          width: '100%',
          borderRadius: 6,
          background: '#eef3f7',
        }}
        center={[30.88, 104.3]}
        zoom={11}
        preferCanvas
        attributionControl={tileServer() !== null}
      >
        <BaseLayers fit={data.features.length === 0} />
        <ScaleControl imperial={false} />
        <FitBounds data={data} />
        {inDrawingOrder(data.features).map((f) => {
          const status = f.properties.status as CaseStatus;
          const finished = drawRank(f.properties) === 0;
          return (
            <CircleMarker
              key={f.id}
              center={[f.geometry.coordinates[1], f.geometry.coordinates[0]]}
              radius={finished ? 4 : 7}
              pathOptions={{
                color: f.properties.overdue ? '#f5222d' : STATUS_COLORS[status],
                weight: f.properties.overdue ? 3 : 1,
                fillColor: STATUS_COLORS[status],
                fillOpacity: finished ? 0.35 : 0.9,
                opacity: finished ? 0.5 : 1,
              }}
              eventHandlers={{
                click: () => navigate(`/cases/${f.properties.id}`),
              }}
            >
              <Tooltip>
                {f.properties.trackingNo} · {f.properties.categoryName} · {pick(STATUS_LABELS[status])}
              </Tooltip>
            </CircleMarker>
          );
        })}
      </MapContainer>
    </div>
  );
}
