import L from "leaflet";
import { useEffect, useRef, useState } from "react";
import { GeoJSON, useMap, useMapEvents } from "react-leaflet";
import {
  useBasemap,
  useBasemapAreas,
  type Basemap,
} from "../api/get-basemap.ts";

/** From this zoom on (a few streets across) the map draws the grids and micro-grids in view. */
const STREET_ZOOM = 14;
/** Micro-grids are named from this zoom on; grids from the street zoom. */
const MICRO_GRID_NAMES_ZOOM = 16;
/** The widest box the server answers for (degrees). */
const MAX_SPAN = 0.1;

/** The map's view as the server's box (rounded, so small moves reuse an answer), or null when too far out. */
function viewBox(map: L.Map): string | null {
  if (map.getZoom() < STREET_ZOOM) return null;
  const b = map.getBounds().pad(0.2);
  const round = (n: number, up: boolean) =>
    (up ? Math.ceil(n * 200) : Math.floor(n * 200)) / 200;
  let [west, south, east, north] = [
    round(b.getWest(), false),
    round(b.getSouth(), false),
    round(b.getEast(), true),
    round(b.getNorth(), true),
  ];
  const center = b.getCenter();
  if (east - west > MAX_SPAN)
    [west, east] = [center.lng - MAX_SPAN / 2, center.lng + MAX_SPAN / 2];
  if (north - south > MAX_SPAN)
    [south, north] = [center.lat - MAX_SPAN / 2, center.lat + MAX_SPAN / 2];
  return [west, south, east, north].map((n) => n.toFixed(4)).join(",");
}

/** The grids and micro-grids in view at street level, outlined and named: where a place belongs. */
function StreetAreas({ names }: { names: boolean }) {
  const map = useMap();
  const [view, setView] = useState(() => ({
    box: viewBox(map),
    zoom: map.getZoom(),
  }));
  useMapEvents({
    moveend: () => setView({ box: viewBox(map), zoom: map.getZoom() }),
  });
  const areas = useBasemapAreas(view.box);
  if (!view.box || !areas.data) return null;
  return (
    <GeoJSON
      key={`${view.box}:${view.zoom >= MICRO_GRID_NAMES_ZOOM}:${names}:${areas.data.features.length}`}
      data={areas.data}
      interactive={false}
      style={(feature) =>
        feature?.properties.level === "grid"
          ? { color: "#595959", weight: 1.5, opacity: 0.8, fill: false }
          : {
              color: "#8c8c8c",
              weight: 1,
              opacity: 0.8,
              dashArray: "3 3",
              fillColor: "#1677ff",
              fillOpacity: 0.02,
            }
      }
      onEachFeature={(feature, layer) => {
        const label =
          names &&
          (feature.properties.level === "grid" ||
            view.zoom >= MICRO_GRID_NAMES_ZOOM);
        if (label)
          layer.bindTooltip(feature.properties.name, {
            permanent: true,
            direction: "center",
            className: "gz-place-name",
            interactive: false,
          });
      }}
    />
  );
}

/** Villages are named on the map only when there are few enough of them to read. */
const MAX_VILLAGE_LABELS = 120;

/**
 * Which seats are named: towns, and villages when there are few enough. A district's seat lies in
 * one of its towns, and its name would sit on that town's, so levels above town are named only
 * when there are no towns to name.
 */
function labelled(data: Basemap): Set<string> {
  const seats = data.features.filter((f) => f.properties.kind === "seat");
  const count = (level: string) =>
    seats.filter((f) => f.properties.level === level).length;
  const named = (level: string) => {
    if (level === "village") return count("village") <= MAX_VILLAGE_LABELS;
    if (level === "town") return true;
    return count("town") === 0 && count("village") === 0;
  };
  return new Set(
    seats
      .filter((f) => named(f.properties.level))
      .map((f) => f.properties.code),
  );
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
    const outlines = data.features.filter(
      (f) => f.properties.kind === "outline",
    );
    if (outlines.length === 0) return;
    const bounds = L.geoJSON(outlines).getBounds();
    if (bounds.isValid()) {
      fitted.current = true;
      map.fitBounds(bounds, { padding: [8, 8] });
    }
  }, [data, fit, map]);
  if (!data) return <StreetAreas names={names} />;
  const named = names ? labelled(data) : new Set<string>();
  return (
    <>
      <StreetAreas names={names} />
      <GeoJSON
        key={`${data.features.length}:${names}`}
        data={data}
        interactive={false}
        style={() => ({
          color: "#c8161d",
          weight: 2,
          opacity: 0.7,
          dashArray: "6 4",
          fillColor: "#c8161d",
          fillOpacity: 0.03,
        })}
        pointToLayer={(feature: Basemap["features"][number], latlng) => {
          const dot = L.circleMarker(latlng, {
            radius: 3,
            color: "#595959",
            weight: 1,
            fillColor: "#8c8c8c",
            fillOpacity: 1,
            interactive: false,
          });
          if (named.has(feature.properties.code)) {
            dot.bindTooltip(feature.properties.name, {
              permanent: true,
              direction: "right",
              offset: [4, 0],
              className: "gz-place-name",
              interactive: false,
            });
          }
          return dot;
        }}
      />
    </>
  );
}
