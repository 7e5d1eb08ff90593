import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { RegionDetail as ServerRegionDetail, RegionSummary } from '../../../server/modules/regions/schema.ts';

/** Types come from the server's zod schemas. */
export type { RegionSummary };
export type RegionDetail = ServerRegionDetail;
export type Level = RegionSummary['level'];
export type Area = Polygon | MultiPolygon;
export type DrawnAreas = FeatureCollection<Area, { code: string; name: string; level: Level; parentCode: string }>;

export interface RegionPage {
  items: RegionSummary[];
  nextCursor: string | null;
}

/** Only grids and micro-grids are drawn and edited in the browser; the rest is reference data. */
export const EDITABLE_LEVELS = ['grid', 'micro_grid'] as const satisfies readonly Level[];
export type EditableLevel = (typeof EDITABLE_LEVELS)[number];

export function isEditable(level: Level): level is EditableLevel {
  return (EDITABLE_LEVELS as readonly Level[]).includes(level);
}

/** The level a new area under `parent` gets, or null when nothing can be added there. */
export function childAreaLevel(parent: Level): EditableLevel | null {
  if (parent === 'village') return 'grid';
  if (parent === 'grid') return 'micro_grid';
  return null;
}

export function isRetired(region: Pick<RegionSummary, 'validTo'>): boolean {
  return region.validTo !== null;
}
