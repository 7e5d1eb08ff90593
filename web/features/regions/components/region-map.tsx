import 'leaflet/dist/leaflet.css';
import { Button, Flex, Typography } from 'antd';
import L, { type LatLngBounds, type LatLngTuple, type PathOptions } from 'leaflet';
import { useEffect, useMemo, useState } from 'react';
import { CircleMarker, GeoJSON, MapContainer, Polygon as LeafletPolygon, Polyline, ScaleControl, Tooltip, useMap, useMapEvents } from 'react-leaflet';
import { Tiles, tileServer } from './base-layers.tsx';
import type { Polygon } from 'geojson';
import { useT } from '../../../lib/i18n.tsx';
import { messages } from '../messages.ts';
import type { Area, DrawnAreas, RegionDetail } from '../types.ts';

/** What the map is asked to draw: a polygon for `title`, handed back through `onFinish`. */
export interface DrawRequest {
  title: string;
  onFinish: (geometry: Polygon) => void;
  onCancel: () => void;
  onPaste: () => void;
}

export interface RegionMapProps {
  /** The district outline, drawn underneath everything as the "land". */
  outline: Area | null;
  focus: RegionDetail | undefined;
  areas: DrawnAreas | undefined;
  selectedCode?: string;
  onSelectArea?: (code: string) => void;
  draw?: DrawRequest | null;
  height: number | string;
}

const OUTLINE_STYLE: PathOptions = { color: '#c8161d', weight: 2, fillColor: '#ffffff', fillOpacity: 0.85 };
const FOCUS_STYLE: PathOptions = { color: '#fa8c16', weight: 2, dashArray: '6 4', fillColor: '#fff7e6', fillOpacity: 0.4 };
const GRID_STYLE: PathOptions = { color: '#1677ff', weight: 2, fillColor: '#1677ff', fillOpacity: 0.12 };
const MICRO_STYLE: PathOptions = { color: '#389e0d', weight: 1.5, dashArray: '4 3', fillColor: '#52c41a', fillOpacity: 0.1 };
const SELECTED_STYLE: PathOptions = { color: '#fa541c', weight: 3, fillColor: '#fa541c', fillOpacity: 0.25 };
const DRAW_COLOR = '#722ed1';

function boundsOf(geometry: Area | DrawnAreas | null | undefined): LatLngBounds | null {
  if (!geometry) return null;
  if (geometry.type === 'FeatureCollection' && geometry.features.length === 0) return null;
  const bounds = L.geoJSON(geometry).getBounds();
  return bounds.isValid() ? bounds : null;
}

/** Where to look: the region's own shape, else its polygons inside, else its seat, else the district. */
function viewFor(focus: RegionDetail | undefined, areas: DrawnAreas | undefined, outline: Area | null): { bounds: LatLngBounds } | { center: LatLngTuple; zoom: number } | null {
  const own = boundsOf(focus?.geometry as Area | null | undefined);
  if (own) return { bounds: own };
  if (focus?.bbox) return { bounds: L.latLngBounds([focus.bbox[1], focus.bbox[0]], [focus.bbox[3], focus.bbox[2]]) };
  const inside = boundsOf(areas);
  if (inside) return { bounds: inside };
  if (focus?.seat) return { center: [focus.seat[1], focus.seat[0]], zoom: 14 };
  const district = boundsOf(outline);
  return district ? { bounds: district } : null;
}

function FitView({ view, viewKey }: { view: ReturnType<typeof viewFor>; viewKey: string }) {
  const map = useMap();
  useEffect(() => {
    if (!view) return;
    if ('bounds' in view) map.fitBounds(view.bounds, { padding: [16, 16], maxZoom: 17 });
    else map.setView(view.center, view.zoom);
    // Only a new subject moves the map; a refetch of the same region leaves the user's zoom alone.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, viewKey]);
  return null;
}

function same(a: LatLngTuple, b: LatLngTuple): boolean {
  return Math.abs(a[0] - b[0]) < 1e-9 && Math.abs(a[1] - b[1]) < 1e-9;
}

/** Click to add a vertex, double-click to close the polygon. */
function DrawLayer({ vertices, onAdd, onFinish }: { vertices: LatLngTuple[]; onAdd: (v: LatLngTuple) => void; onFinish: () => void }) {
  const map = useMapEvents({
    click: (event) => onAdd([event.latlng.lat, event.latlng.lng]),
    dblclick: () => onFinish(),
  });
  useEffect(() => {
    map.doubleClickZoom.disable();
    return () => {
      map.doubleClickZoom.enable();
    };
  }, [map]);
  return (
    <>
      {vertices.length >= 3 ? <LeafletPolygon positions={vertices} pathOptions={{ color: DRAW_COLOR, weight: 2, fillOpacity: 0.15, dashArray: '4 4' }} interactive={false} /> : null}
      {vertices.length === 2 ? <Polyline positions={vertices} pathOptions={{ color: DRAW_COLOR, weight: 2 }} interactive={false} /> : null}
      {vertices.map((v, i) => (
        <CircleMarker key={i} center={v} radius={4} pathOptions={{ color: DRAW_COLOR, fillColor: '#fff', fillOpacity: 1, weight: 2 }} interactive={false} />
      ))}
    </>
  );
}

function toPolygon(vertices: LatLngTuple[]): Polygon {
  const round = (n: number) => Math.round(n * 1e6) / 1e6;
  const ring = vertices.map(([lat, lng]) => [round(lng), round(lat)]);
  const first = ring[0];
  if (first) ring.push([...first]);
  return { type: 'Polygon', coordinates: [ring] };
}

/**
 * The district outline on a plain background (no tiles unless a deployment configures a tile
 * server), the region's own shape, and every grid and micro-grid polygon within it.
 */
export default function RegionMap({ outline, focus, areas, selectedCode, onSelectArea, draw, height }: RegionMapProps) {
  const t = useT(messages);
  const [vertices, setVertices] = useState<LatLngTuple[]>([]);
  const drawing = Boolean(draw);

  useEffect(() => {
    if (!drawing) setVertices([]);
  }, [drawing]);

  const view = useMemo(() => viewFor(focus, areas, outline), [focus, areas, outline]);
  const viewKey = `${focus?.code ?? ''}:${areas ? areas.features.length : 'none'}:${outline ? 'o' : ''}`;
  const areasKey = useMemo(() => `${selectedCode ?? ''}|${areas?.features.map((f) => `${f.properties.code}:${JSON.stringify(f.geometry).length}`).join(',') ?? ''}`, [areas, selectedCode]);
  const focusGeometry = focus?.geometry as Area | null | undefined;

  const addVertex = (v: LatLngTuple) => setVertices((previous) => (previous.length > 0 && same(previous[previous.length - 1]!, v) ? previous : [...previous, v]));
  const finish = () => {
    // The two clicks of a double-click each added the same point once; `addVertex` dropped the repeat.
    if (vertices.length >= 3 && draw) draw.onFinish(toPolygon(vertices));
  };

  return (
    <div style={{ position: 'relative' }}>
      {draw ? (
        <Flex vertical gap={6} style={{ position: 'absolute', zIndex: 1000, top: 8, left: 56, right: 8, padding: '8px 12px', background: 'rgba(255,255,255,0.95)', borderRadius: 6, boxShadow: '0 1px 6px rgba(0,0,0,0.15)' }} data-testid="draw-toolbar">
          <Typography.Text strong>{draw.title}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('drawHint')} · {t('drawVertices', { count: vertices.length })}
          </Typography.Text>
          <Flex gap={6} wrap>
            <Button size="small" type="primary" disabled={vertices.length < 3} onClick={finish}>
              {t('finish')}
            </Button>
            <Button size="small" disabled={vertices.length === 0} onClick={() => setVertices((v) => v.slice(0, -1))}>
              {t('undoVertex')}
            </Button>
            <Button size="small" onClick={draw.onPaste}>
              {t('pasteGeoJson')}
            </Button>
            <Button size="small" onClick={draw.onCancel}>
              {t('cancelDraw')}
            </Button>
          </Flex>
        </Flex>
      ) : null}
      <MapContainer
        className={`gz-map${drawing ? ' gz-drawing' : ''}`}
        style={{ height, width: '100%', borderRadius: 6 }}
        center={[30.88, 104.3]}
        zoom={10}
        zoomSnap={0.25}
        attributionControl={tileServer() !== null}
      >
        <Tiles />
        <ScaleControl imperial={false} />
        <FitView view={view} viewKey={viewKey} />
        {outline ? <GeoJSON key={`outline-${JSON.stringify(outline).length}`} data={outline} style={OUTLINE_STYLE} interactive={false} /> : null}
        {focusGeometry && focus && focus.level !== 'district' && focus.level !== 'grid' && focus.level !== 'micro_grid' ? (
          <GeoJSON key={`focus-${focus.code}`} data={focusGeometry} style={FOCUS_STYLE} interactive={false} />
        ) : null}
        {areas && areas.features.length > 0 ? (
          <GeoJSON
            key={`${areasKey}|${drawing ? 'drawing' : 'idle'}`}
            data={areas}
            style={(feature) => {
              const code = (feature?.properties as { code?: string } | undefined)?.code;
              if (code && code === selectedCode) return SELECTED_STYLE;
              return (feature?.properties as { level?: string } | undefined)?.level === 'micro_grid' ? MICRO_STYLE : GRID_STYLE;
            }}
            onEachFeature={(feature, layer) => {
              const props = feature.properties as { code: string; name: string };
              layer.bindTooltip(props.name, { sticky: true });
              layer.on('click', (event) => {
                if (drawing) return;
                L.DomEvent.stopPropagation(event);
                onSelectArea?.(props.code);
              });
            }}
            interactive={!drawing}
          />
        ) : null}
        {focus?.seat && !focusGeometry ? (
          <CircleMarker center={[focus.seat[1], focus.seat[0]]} radius={6} pathOptions={{ color: '#c8161d', fillColor: '#c8161d', fillOpacity: 0.9 }}>
            <Tooltip>
              {focus.shortName} · {t('seat')}
            </Tooltip>
          </CircleMarker>
        ) : null}
        {draw ? <DrawLayer vertices={vertices} onAdd={addVertex} onFinish={finish} /> : null}
      </MapContainer>
    </div>
  );
}
