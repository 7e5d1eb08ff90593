import { z } from 'zod';
import { inScope } from '../../platform/access/policy.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/index.ts';
import { AppError } from '../../platform/http/errors.ts';
import { regionCodeParam } from '../../platform/http/schemas.ts';
import type { AppContext } from '../../platform/module.ts';
import type { ImportRow, RowError, TabularColumn, TabularEntity } from '../../platform/tabular/types.ts';
import { EDITABLE_LEVELS, isChildCode, LEVEL_LABELS, LEVELS, parentLevelOf, type EditableLevel } from './domain.ts';
import * as repo from './repository.ts';
import { listQuery } from './schema.ts';
import { createArea, getRegion, listRegions, updateArea } from './service.ts';

/* ---------- grids and micro-grids ---------- */

const GRID_COLUMNS = [
  {
    key: 'code',
    header: { zh: '编码', en: 'Code' },
    type: 'string',
    maxLength: 16,
    example: '51011300200101',
    note: '留空则自动取下一个空闲编码；填写已有编码则更新该网格。网格为村（社区）编码加两位，微网格为网格编码加两位。Empty: the next free code; an existing code updates that grid.',
  },
  { key: 'name', header: { zh: '名称', en: 'Name' }, type: 'string', required: true, maxLength: 60, example: '怡湖社区第一网格' },
  {
    key: 'level',
    header: { zh: '层级', en: 'Level' },
    type: 'enum',
    required: true,
    options: EDITABLE_LEVELS,
    optionLabels: { grid: LEVEL_LABELS.grid.zh, micro_grid: LEVEL_LABELS.micro_grid.zh },
    example: LEVEL_LABELS.grid.zh,
  },
  {
    key: 'parentCode',
    header: { zh: '上级编码', en: 'Parent code' },
    type: 'string',
    required: true,
    maxLength: 16,
    example: '510113002001',
    note: '网格填所属村（社区）的编码，微网格填所属网格的编码；可引用本文件前面行新建的网格。A grid names its village, a micro-grid its grid (which may be created by an earlier row).',
  },
  {
    key: 'geometry',
    header: { zh: '边界 GeoJSON', en: 'Boundary GeoJSON' },
    type: 'geojson',
    note: 'GeoJSON Polygon 或 MultiPolygon，经纬度坐标；更新时留空表示不修改。Leave empty to keep the current boundary.',
  },
  { key: 'seatLng', header: { zh: '中心经度', en: 'Center longitude' }, type: 'number', example: '104.2536', note: '与中心纬度同时填写 Give both or neither' },
  { key: 'seatLat', header: { zh: '中心纬度', en: 'Center latitude' }, type: 'number', example: '30.8781', note: '与中心经度同时填写 Give both or neither' },
] as const satisfies readonly TabularColumn[];

type GridKey = (typeof GRID_COLUMNS)[number]['key'];
const header = (key: GridKey) => GRID_COLUMNS.find((c) => c.key === key)!.header.zh;

const gridFilters = z.strictObject({ within: regionCodeParam.optional() });

/** Grids and micro-grids below `within` (default: the actor's scope roots) that the actor may see. */
async function exportGrids(ctx: AppContext, actor: Actor, filters: Record<string, string>): Promise<Record<string, unknown>[]> {
  const { within } = gridFilters.parse(filters);
  const roots = within ? [(await getRegion(ctx, actor, within)).path] : (actor.scopePaths ?? ['']);
  const byCode = new Map<string, repo.RegionRow>();
  for (const root of roots) {
    for (const row of await repo.listDrawn(ctx.db, root, EDITABLE_LEVELS)) if (inScope(actor.scopePaths, row.path)) byCode.set(row.code, row);
  }
  return [...byCode.values()]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code, geometry: r.geometry, seatLng: r.seat_lng, seatLat: r.seat_lat }));
}

interface GridValues {
  code?: string | null;
  name: string;
  level: EditableLevel;
  parentCode: string;
  geometry?: unknown;
  seatLng?: number | null;
  seatLat?: number | null;
}

/** What the service knows of a region, for rows that name it (from the database or from earlier rows). */
interface Known {
  level: string;
  path: string;
  parentCode: string | null;
  version: number;
  name: string;
  retired: boolean;
  seat: [number, number] | null;
  hasGeometry: boolean;
}

function knownFrom(row: repo.RegionSummaryRow): Known {
  return {
    level: row.level,
    path: row.path,
    parentCode: row.parent_code,
    version: row.version,
    name: row.name,
    retired: row.valid_to !== null,
    seat: row.seat_lng === null || row.seat_lat === null ? null : [row.seat_lng, row.seat_lat],
    hasGeometry: row.has_geometry === 1,
  };
}

/** The seat from its two cells: both or neither. */
function seatOf(v: GridValues, row: number, errors: RowError[]): [number, number] | null | undefined {
  const lng = v.seatLng ?? null;
  const lat = v.seatLat ?? null;
  if (lng === null && lat === null) return undefined;
  let ok = true;
  if (lng === null || lat === null) {
    errors.push({ row, column: header(lng === null ? 'seatLng' : 'seatLat'), message: '中心经度和纬度须同时填写 Give both longitude and latitude' });
    return null;
  }
  if (lng < -180 || lng > 180) {
    errors.push({ row, column: header('seatLng'), message: '经度应在 -180 到 180 之间 Longitude out of range' });
    ok = false;
  }
  if (lat < -90 || lat > 90) {
    errors.push({ row, column: header('seatLat'), message: '纬度应在 -90 到 90 之间 Latitude out of range' });
    ok = false;
  }
  return ok ? [lng, lat] : null;
}

/** Whether the boundary in the file is the one stored (as an export writes it). */
async function sameGeometry(trx: Tx, code: string, existing: Known, geometry: unknown): Promise<boolean> {
  if (!existing.hasGeometry) return false;
  const stored = await repo.findByCode(trx, code);
  return stored?.geometry === JSON.stringify(geometry);
}

/** A refusal from the regions service, placed in the cell it is about. */
function rowErrorFrom(error: AppError, row: number, v: GridValues, updating: boolean): RowError {
  switch (error.code) {
    case 'invalid_geometry':
      return { row, column: header('geometry'), message: error.message };
    case 'not_found':
      return updating
        ? { row, column: header('code'), message: `编码 ${v.code ?? ''} 不存在或不在您的管辖范围内 Not found or outside your scope` }
        : { row, column: header('parentCode'), message: `上级区域 ${v.parentCode} 不存在或不在您的管辖范围内 Parent not found or outside your scope` };
    case 'conflict':
    case 'version_conflict':
      return { row, column: header('code'), message: error.message };
    default:
      return { row, column: header(updating ? 'code' : 'parentCode'), message: error.message };
  }
}

/**
 * Create or update each row in file order, inside the import's transaction. The regions named by
 * the file are read in one query up front rather than row by row; a parent created by an earlier
 * row is known from that row.
 */
async function importGrids(ctx: AppContext, trx: Tx, actor: Actor, rows: readonly ImportRow[], onProgress: (done: number) => void) {
  const named = new Set<string>();
  for (const { values } of rows) {
    const v = values as unknown as GridValues;
    if (v.code) named.add(v.code);
    named.add(v.parentCode);
  }
  const known = new Map<string, Known>();
  const codes = [...named];
  for (let i = 0; i < codes.length; i += 500) {
    for (const r of await repo.findManyByCode(trx, codes.slice(i, i + 500))) known.set(r.code, knownFrom(r));
  }

  const errors: RowError[] = [];
  const warnings: RowError[] = [];
  const firstRowOf = new Map<string, number>();
  let created = 0;
  let updated = 0;
  for (const [i, { row, values }] of rows.entries()) {
    if (i > 0 && i % 500 === 0) onProgress(i);
    const v = values as unknown as GridValues;
    const before = errors.length;
    const seat = seatOf(v, row, errors);
    const code = v.code || undefined;
    if (code !== undefined) {
      const first = firstRowOf.get(code);
      if (first !== undefined) errors.push({ row, column: header('code'), message: `编码 ${code} 与第 ${first} 行重复 Same code as row ${first}` });
      else firstRowOf.set(code, row);
      if (!isChildCode(v.parentCode, code)) {
        errors.push({ row, column: header('code'), message: `编码应为上级编码 ${v.parentCode} 加两位数字（01–99） The code must be the parent's code plus two digits` });
      }
    }
    const parent = known.get(v.parentCode);
    if (parent && inScope(actor.scopePaths, parent.path) && parent.level !== parentLevelOf(v.level)) {
      errors.push({
        row,
        column: header('level'),
        message: `${v.level === 'grid' ? '网格的上级应为村（社区）' : '微网格的上级应为网格'}，${v.parentCode} 是${LEVEL_LABELS[parent.level as keyof typeof LEVEL_LABELS]?.zh ?? parent.level} A ${v.level} belongs under a ${parentLevelOf(v.level)}`,
      });
    }
    const existing = code === undefined ? undefined : known.get(code);
    if (existing && inScope(actor.scopePaths, existing.path)) {
      if (existing.level !== v.level) errors.push({ row, column: header('level'), message: `编码 ${code} 已是${LEVEL_LABELS[existing.level as EditableLevel]?.zh ?? existing.level}，层级不能改 The level cannot change` });
      if (existing.parentCode !== v.parentCode) {
        errors.push({ row, column: header('parentCode'), message: `编码 ${code} 属于 ${existing.parentCode ?? ''}，不能通过导入改变上级 An import cannot move a grid` });
      }
      if (existing.retired) errors.push({ row, column: header('code'), message: `编码 ${code} 已撤销 The grid is retired` });
    }
    if (errors.length > before) continue;

    const geometry = v.geometry ?? undefined;
    try {
      if (existing) {
        // A file exported, edited and imported again repeats most rows as they are: skip those.
        const sameSeat = seat === undefined || (existing.seat?.[0] === seat?.[0] && existing.seat?.[1] === seat?.[1]);
        if (existing.name === v.name && sameSeat && (geometry === undefined || (await sameGeometry(trx, code!, existing, geometry)))) continue;
        const detail = await updateArea(ctx, actor, code!, { version: existing.version, name: v.name, geometry, ...(seat === undefined ? {} : { seat }) }, trx);
        warnings.push(...geometryWarnings(row, detail.warnings));
        known.set(detail.code, { ...existing, version: detail.version, name: detail.name, seat: detail.seat, hasGeometry: detail.hasGeometry });
        updated++;
      } else {
        const detail = await createArea(ctx, actor, { parentCode: v.parentCode, level: v.level, name: v.name, code, geometry, ...(seat ? { seat } : {}) }, trx);
        warnings.push(...geometryWarnings(row, detail.warnings));
        known.set(detail.code, {
          level: detail.level,
          path: detail.path,
          parentCode: detail.parentCode,
          version: detail.version,
          name: detail.name,
          retired: false,
          seat: detail.seat,
          hasGeometry: detail.hasGeometry,
        });
        created++;
      }
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      errors.push(rowErrorFrom(error, row, v, existing !== undefined));
    }
  }
  onProgress(rows.length);
  return { created, updated, errors, warnings };
}

/** Overlaps with neighbours, found while writing a row: the row is imported and the sheet says so. */
const geometryWarnings = (row: number, warnings: readonly string[] = []): RowError[] => warnings.map((message) => ({ row, column: header('geometry'), message }));

/** Grids and micro-grids as a spreadsheet: export what the actor may see, import new and changed ones. */
export const gridsTabular: TabularEntity = {
  id: 'regions.grids',
  label: { zh: '网格与微网格', en: 'Grids and micro-grids' },
  columns: GRID_COLUMNS,
  permissions: { export: 'regions.read', import: 'regions.write' },
  exportRows: exportGrids,
  importRows: importGrids,
};

/* ---------- the plain region list ---------- */

const LIST_COLUMNS = [
  { key: 'code', header: { zh: '区划代码', en: 'Code' }, type: 'string' },
  { key: 'name', header: { zh: '名称', en: 'Name' }, type: 'string' },
  { key: 'shortName', header: { zh: '简称', en: 'Short name' }, type: 'string' },
  { key: 'level', header: { zh: '层级', en: 'Level' }, type: 'enum', options: LEVELS, optionLabels: Object.fromEntries(LEVELS.map((l) => [l, LEVEL_LABELS[l].zh])) },
  { key: 'kind', header: { zh: '类型', en: 'Kind' }, type: 'string' },
  { key: 'parentCode', header: { zh: '上级代码', en: 'Parent code' }, type: 'string' },
] as const satisfies readonly TabularColumn[];

/** The list route's filters; its paging parameters are ignored, as an export holds every page. */
const listFilters = listQuery.pick({ parent: true, q: true, level: true, within: true, includeRetired: true });
const PAGE = 500;

/** Regions as `GET /api/v1/regions` lists them, filtered the same way, every page. */
async function exportRegionList(ctx: AppContext, actor: Actor, filters: Record<string, string>): Promise<Record<string, unknown>[]> {
  const query = listFilters.parse(filters);
  const rows: Record<string, unknown>[] = [];
  let cursor: string | undefined;
  do {
    const page = await listRegions(ctx, actor, { ...query, cursor, limit: PAGE });
    for (const r of page.items) rows.push({ code: r.code, name: r.name, shortName: r.shortName, level: r.level, kind: r.kind, parentCode: r.parentCode });
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return rows;
}

export const regionListTabular: TabularEntity = {
  id: 'regions.list',
  label: { zh: '区域列表', en: 'Regions' },
  columns: LIST_COLUMNS,
  permissions: { export: 'regions.read' },
  exportRows: exportRegionList,
};
