import type { IndicatorDefinition } from '../../platform/indicators.ts';
import type { ModuleManifest } from '../../platform/module.ts';
import { regionsInit } from './migrations/202611280010_regions_init.ts';
import { regionRoutes } from './routes.ts';
import { countInSubtree, listInSubtree, loadReferenceRegions } from './service.ts';
import { gridsTabular, regionListTabular } from './tabular.ts';
import type { Level } from './domain.ts';

const REGION_COLUMNS = [
  { key: 'code', label: { zh: '区划代码', en: 'Code' } },
  { key: 'name', label: { zh: '名称', en: 'Name' } },
  { key: 'kind', label: { zh: '类型', en: 'Kind' } },
  { key: 'parentCode', label: { zh: '上级代码', en: 'Parent' } },
];

function countIndicator(id: string, level: Level, label: { zh: string; en: string }): IndicatorDefinition {
  return {
    id,
    label,
    unit: { zh: '个', en: '' },
    compute: (ctx, q) => countInSubtree(ctx, q.regionPath, level),
    async records(ctx, q) {
      const [rows, total] = await Promise.all([listInSubtree(ctx, q.regionPath, level, q.limit, q.offset), countInSubtree(ctx, q.regionPath, level)]);
      return { columns: REGION_COLUMNS, rows, total };
    },
  };
}

export const regionsManifest: ModuleManifest = {
  name: 'regions',
  label: { zh: '区域', en: 'Regions' },
  migrations: { '202611280010_regions_init': regionsInit },
  permissions: {
    'regions.read': 'authenticated',
    'regions.write': ['district_admin', 'town_admin'],
  },
  routes: regionRoutes,
  reference: async (ctx) => {
    await loadReferenceRegions(ctx);
  },
  indicators: [
    countIndicator('regions.towns', 'town', { zh: '镇（街道）', en: 'Towns and streets' }),
    countIndicator('regions.villages', 'village', { zh: '村（社区）', en: 'Villages and communities' }),
  ],
  tabular: [gridsTabular, regionListTabular],
};
