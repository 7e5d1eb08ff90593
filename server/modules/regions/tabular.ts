import type { TabularEntity } from '../../platform/tabular/types.ts';

/** Grids and micro-grids as a spreadsheet. */
export const gridsTabular: TabularEntity = {
  id: 'regions.grids',
  label: { zh: '网格与微网格', en: 'Grids and micro-grids' },
  columns: [],
  permissions: { export: 'regions.read', import: 'regions.write' },
  exportRows: async () => [],
};
