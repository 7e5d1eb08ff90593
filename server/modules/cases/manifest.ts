import type { Role } from '../../platform/access/policy.ts';
import type { IndicatorDefinition } from '../../platform/indicators.ts';
import type { ModuleManifest } from '../../platform/module.ts';
import type { TabularEntity } from '../../platform/tabular/types.ts';
import { seedCasesDemo } from './demo.ts';
import { casesInit } from './migrations/202611283000_cases_init.ts';
import { casesReporterName } from './migrations/202611291200_cases_reporter_name.ts';
import { casesListNearby } from './migrations/202611291300_cases_list_nearby.ts';
import { open311Routes } from './open311.ts';
import type { IndicatorSet } from './repository.ts';
import { caseRoutes } from './routes.ts';
import { closedOnTimeRate, escalateOverdue, exportCases, indicatorRows, loadReferenceCategories, openCount, overdueCount } from './service.ts';

const STAFF: readonly Role[] = ['district_admin', 'town_admin', 'village_cadre', 'grid_worker'];

const CASE_COLUMNS = [
  { key: 'trackingNo', label: { zh: '跟踪号', en: 'Tracking no.' } },
  { key: 'category', label: { zh: '分类', en: 'Category' } },
  { key: 'status', label: { zh: '状态', en: 'Status' } },
  { key: 'region', label: { zh: '所在区域', en: 'Region' } },
  { key: 'reportedAt', label: { zh: '上报时间', en: 'Reported' } },
  { key: 'deadline', label: { zh: '当前时限', en: 'Deadline' } },
  { key: 'closedAt', label: { zh: '结案时间', en: 'Closed' } },
  { key: 'closedOnTime', label: { zh: '按时办结', en: 'On time' } },
];

function caseIndicator(
  id: string,
  label: { zh: string; en: string },
  unit: { zh: string; en: string },
  set: IndicatorSet,
  compute: IndicatorDefinition['compute'],
): IndicatorDefinition {
  return {
    id,
    label,
    unit,
    compute,
    async records(ctx, q) {
      const { rows, total } = await indicatorRows(ctx, set, q);
      return { columns: CASE_COLUMNS, rows, total };
    },
  };
}

const casesTabular: TabularEntity = {
  id: 'cases',
  label: { zh: '网格事件', en: 'Grid cases' },
  permissions: { export: 'cases.read' },
  columns: [
    { key: 'trackingNo', header: { zh: '跟踪号', en: 'Tracking no.' }, type: 'string' },
    { key: 'category', header: { zh: '分类', en: 'Category' }, type: 'string' },
    { key: 'status', header: { zh: '状态', en: 'Status' }, type: 'string' },
    { key: 'region', header: { zh: '所在区域', en: 'Region' }, type: 'string' },
    { key: 'description', header: { zh: '描述', en: 'Description' }, type: 'string' },
    { key: 'reportedAt', header: { zh: '上报时间', en: 'Reported' }, type: 'string' },
    { key: 'deadline', header: { zh: '当前时限', en: 'Deadline' }, type: 'string' },
    { key: 'closedAt', header: { zh: '结案时间', en: 'Closed' }, type: 'string' },
    { key: 'closedOnTime', header: { zh: '按时办结', en: 'On time' }, type: 'boolean' },
  ],
  exportRows: exportCases,
};

/** Grid cases (网格事件): reporting, routing, handling within time limits, escalation, Open311. */
export const casesManifest: ModuleManifest = {
  name: 'cases',
  label: { zh: '网格事件', en: 'Grid cases' },
  migrations: { '202611283000_cases_init': casesInit, '202611291200_cases_reporter_name': casesReporterName, '202611291300_cases_list_nearby': casesListNearby },
  permissions: {
    'cases.read': STAFF,
    'cases.report': STAFF,
    'cases.act': STAFF,
    'cases.categories.manage': ['district_admin'],
  },
  routes(app, ctx) {
    caseRoutes(app, ctx);
    open311Routes(app, ctx);
  },
  reference: async (ctx) => {
    await loadReferenceCategories(ctx);
  },
  indicators: [
    caseIndicator('cases.open', { zh: '未办结事件', en: 'Open cases' }, { zh: '件', en: '' }, 'open', (ctx, q) => openCount(ctx, q.regionPath)),
    caseIndicator('cases.overdue', { zh: '逾期未办结事件', en: 'Overdue open cases' }, { zh: '件', en: '' }, 'overdue', (ctx, q) => overdueCount(ctx, q.regionPath)),
    caseIndicator('cases.closed_on_time_rate', { zh: '按时办结率', en: 'Closed on time' }, { zh: '%', en: '%' }, 'closed', (ctx, q) =>
      closedOnTimeRate(ctx, q.regionPath, q.from, q.to),
    ),
  ],
  tabular: [casesTabular],
  demo: seedCasesDemo,
  sweeps: [{ id: 'cases.escalate', everySeconds: 60, run: (ctx) => escalateOverdue(ctx) }],
};
