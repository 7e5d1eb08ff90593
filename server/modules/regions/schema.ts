import { z } from 'zod';
import { cursorParam, formatParam, limitParam, regionCodeParam } from '../../platform/http/schemas.ts';
import { EDITABLE_LEVELS, LEVELS } from './domain.ts';

export const level = z.enum(LEVELS);

export const regionSummary = z.object({
  code: z.string(),
  parentCode: z.string().nullable(),
  level,
  kind: z.string(),
  name: z.string(),
  shortName: z.string(),
  path: z.string(),
  hasGeometry: z.boolean(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
  seat: z.tuple([z.number(), z.number()]).nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  childCount: z.number().optional(),
  version: z.number(),
});

export const regionDetail = regionSummary.extend({
  geometry: z.unknown().nullable(),
  ancestors: z.array(regionSummary),
  descendants: z.record(z.string(), z.number()),
  warnings: z.array(z.string()).optional(),
});

export const listQuery = z.strictObject({
  parent: regionCodeParam.optional(),
  q: z.string().trim().min(1).max(40).optional(),
  level: level.optional(),
  within: regionCodeParam.optional(),
  includeRetired: z.enum(['true', 'false']).optional(),
  cursor: cursorParam,
  limit: limitParam,
  format: formatParam,
});

export const codeParams = z.strictObject({ code: regionCodeParam });

export const createAreaBody = z.strictObject({
  parentCode: regionCodeParam,
  level: z.enum(EDITABLE_LEVELS),
  name: z.string().trim().min(1).max(60),
  code: regionCodeParam.optional(),
  geometry: z.unknown().optional(),
  seat: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).optional(),
});

export const updateAreaBody = z.strictObject({
  version: z.number().int().min(1),
  name: z.string().trim().min(1).max(60).optional(),
  geometry: z.unknown().optional(),
  seat: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).nullable().optional(),
});

export const retireBody = z.strictObject({ version: z.number().int().min(1), validTo: z.iso.date().optional() });
/** The public base map takes no parameters. */
export const basemapQuery = z.strictObject({});

/** Widest box the street-level areas answer for, in degrees (about 10 km). */
export const BASEMAP_AREAS_MAX_SPAN = 0.1;

/** `bbox=west,south,east,north` in degrees, at most a street-level span across. */
export const basemapAreasQuery = z.strictObject({
  bbox: z
    .string()
    .max(100)
    .transform((text, ctx) => {
      const parts = text.split(',').map((p) => (p.trim() === '' ? Number.NaN : Number(p)));
      const [west, south, east, north] = parts as [number, number, number, number];
      if (parts.length !== 4 || !parts.every(Number.isFinite) || west < -180 || east > 180 || south < -90 || north > 90 || west >= east || south >= north) {
        ctx.addIssue({ code: 'custom', message: 'bbox 应为 西,南,东,北 四个经纬度 bbox is west,south,east,north in degrees' });
        return z.NEVER;
      }
      if (east - west > BASEMAP_AREAS_MAX_SPAN || north - south > BASEMAP_AREAS_MAX_SPAN) {
        ctx.addIssue({ code: 'custom', message: `bbox 跨度不能超过 ${BASEMAP_AREAS_MAX_SPAN} 度 bbox may span at most ${BASEMAP_AREAS_MAX_SPAN} degrees` });
        return z.NEVER;
      }
      return { west, south, east, north };
    }),
});

export const geojsonQuery = z.strictObject({
  within: regionCodeParam,
  levels: z
    .string()
    .regex(/^(grid|micro_grid)(,(grid|micro_grid))*$/, 'levels 为 grid、micro_grid 或二者（逗号分隔） levels: grid, micro_grid or both, comma-separated')
    .optional(),
});

export type RegionSummary = z.infer<typeof regionSummary>;
export type RegionDetail = z.infer<typeof regionDetail>;
