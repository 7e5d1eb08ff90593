import type { IndicatorDefinition } from '../../platform/indicators.ts';
import type { ModuleManifest } from '../../platform/module.ts';
import { FORCE_TYPE_LABELS, FORCE_TYPES, type ForceType } from './domain.ts';
import { gridInit } from './migrations/202611282000_grid_init.ts';
import { gridRoutes } from './routes.ts';
import { countForceType, forceTypeRecords, microGridRecords, seedGridDemo } from './service.ts';
import { countInSubtree } from '../regions/service.ts';
import { membersTabular } from './tabular.ts';

const MEMBER_COLUMNS = [
  { key: 'name', label: { zh: '姓名', en: 'Name' } },
  { key: 'phone', label: { zh: '手机号', en: 'Phone' } },
  { key: 'unit', label: { zh: '单位', en: 'Unit' } },
  { key: 'forceType', label: { zh: '力量类型', en: 'Force type' } },
  { key: 'regionName', label: { zh: '所属区域', en: 'Home region' } },
  { key: 'microGrids', label: { zh: '微网格', en: 'Micro-grids' } },
];

const MICRO_GRID_COLUMNS = [
  { key: 'code', label: { zh: '微网格编码', en: 'Code' } },
  { key: 'name', label: { zh: '名称', en: 'Name' } },
  { key: 'gridCode', label: { zh: '所属网格', en: 'Grid' } },
  { key: 'total', label: { zh: '成员数', en: 'Members' } },
  { key: 'status', label: { zh: '配置状态', en: 'Staffing' } },
  { key: 'lacking', label: { zh: '缺少', en: 'Lacking' } },
];

/** People of one force type in a subtree's micro-grid teams (home there or serving there). */
function forceIndicator(forceType: ForceType): IndicatorDefinition {
  return {
    id: `grid.forces.${forceType}`,
    label: { zh: `进网入格${FORCE_TYPE_LABELS[forceType].zh}`, en: `${FORCE_TYPE_LABELS[forceType].en}s in grids` },
    unit: { zh: '人', en: 'people' },
    compute: (ctx, q) => countForceType(ctx, q.regionPath, forceType),
    async records(ctx, q) {
      const { rows, total } = await forceTypeRecords(ctx, q.regionPath, forceType, q.limit, q.offset);
      return { columns: MEMBER_COLUMNS, rows, total };
    },
  };
}

/** Grids and micro-grids (进网入格): the people of the micro-grid teams, their staffing, and imported polygons. */
export const gridManifest: ModuleManifest = {
  name: 'grid',
  label: { zh: '网格治理', en: 'Grid governance' },
  migrations: { '202611282000_grid_init': gridInit },
  permissions: {
    'grid.members.read': ['district_admin', 'town_admin', 'village_cadre', 'grid_worker'],
    'grid.members.write': ['district_admin', 'town_admin', 'village_cadre'],
    'grid.coverage.read': ['district_admin', 'town_admin', 'village_cadre', 'grid_worker'],
    'grid.areas.write': ['district_admin', 'town_admin'],
    'grid.settings.write': ['district_admin'],
  },
  routes: gridRoutes,
  indicators: [
    ...FORCE_TYPES.map(forceIndicator),
    {
      id: 'grid.micro_grids',
      label: { zh: '微网格', en: 'Micro-grids' },
      unit: { zh: '个', en: '' },
      compute: (ctx, q) => countInSubtree(ctx, q.regionPath, 'micro_grid'),
      async records(ctx, q) {
        const { rows, total } = await microGridRecords(ctx, q.regionPath, q.limit, q.offset);
        return { columns: MICRO_GRID_COLUMNS, rows, total };
      },
    },
  ],
  tabular: [membersTabular],
  demo: seedGridDemo,
};
