import { formatFen } from '../../platform/money.ts';
import type { TabularEntity } from '../../platform/tabular/types.ts';
import { listQuery } from './schema.ts';
import { allProjects } from './service.ts';

export const PROJECTS_ENTITY = 'projects';

/** Projects as a spreadsheet: export only (projects are built in the app, with their progress). */
export const projectsTabular: TabularEntity = {
  id: PROJECTS_ENTITY,
  label: { zh: '共建项目', en: 'Co-building projects' },
  columns: [
    { key: 'title', header: { zh: '项目名称', en: 'Title' }, type: 'string' },
    { key: 'status', header: { zh: '状态', en: 'Status' }, type: 'string' },
    { key: 'regionName', header: { zh: '所在区域', en: 'Region' }, type: 'string' },
    { key: 'regionCode', header: { zh: '区划代码', en: 'Region code' }, type: 'string' },
    { key: 'owners', header: { zh: '责任主体', en: 'Owners' }, type: 'string' },
    { key: 'budgetYuan', header: { zh: '预算（元）', en: 'Budget (yuan)' }, type: 'string' },
    { key: 'startDate', header: { zh: '开始日期', en: 'Start' }, type: 'date' },
    { key: 'endDate', header: { zh: '结束日期', en: 'End' }, type: 'date' },
    { key: 'reported', header: { zh: '填报进度%', en: 'Reported %' }, type: 'number' },
    { key: 'verified', header: { zh: '核实进度%', en: 'Verified %' }, type: 'number' },
    { key: 'childCount', header: { zh: '子项目数', en: 'Child projects' }, type: 'integer' },
    { key: 'id', header: { zh: '编号', en: 'ID' }, type: 'string' },
  ],
  permissions: { export: 'projects.read' },
  async exportRows(ctx, actor, filters) {
    const parsed = listQuery.omit({ cursor: true, limit: true, format: true }).parse(filters);
    return (await allProjects(ctx, actor, parsed)).map((p) => ({
      title: p.title,
      status: p.status.zh,
      regionName: p.regionName,
      regionCode: p.regionCode,
      owners: p.owners.map((o) => o.name).join('、'),
      budgetYuan: formatFen(p.budgetFen),
      startDate: p.startDate,
      endDate: p.endDate ?? '',
      reported: p.progress.reported,
      verified: p.progress.verified,
      childCount: p.childCount,
      id: p.id,
    }));
  },
};

