import type { TabularEntity } from '../../platform/tabular/types.ts';
import { STATUS_LABELS, type PartyRole } from './domain.ts';
import { listQuery } from './schema.ts';
import { allPairings } from './service.ts';

export const PAIRINGS_ENTITY = 'pairings';

/** Pairings as a spreadsheet: export only (a pairing is made with its rules checked, in the app). */
export const pairingsTabular: TabularEntity = {
  id: PAIRINGS_ENTITY,
  label: { zh: '结对关系', en: 'Pairings' },
  columns: [
    { key: 'title', header: { zh: '结对名称', en: 'Title' }, type: 'string' },
    { key: 'mode', header: { zh: '帮扶方式', en: 'Mode' }, type: 'string' },
    { key: 'mechanism', header: { zh: '结对机制', en: 'Mechanism' }, type: 'string' },
    { key: 'status', header: { zh: '状态', en: 'Status' }, type: 'string' },
    { key: 'helping', header: { zh: '帮扶方', en: 'Helping' }, type: 'string' },
    { key: 'helped', header: { zh: '受帮扶方', en: 'Helped' }, type: 'string' },
    { key: 'regionName', header: { zh: '所在区域', en: 'Region' }, type: 'string' },
    { key: 'startDate', header: { zh: '开始日期', en: 'Start' }, type: 'date' },
    { key: 'endDate', header: { zh: '结束日期', en: 'End' }, type: 'date' },
    { key: 'taskProgress', header: { zh: '任务进度%', en: 'Task progress %' }, type: 'integer' },
    { key: 'id', header: { zh: '编号', en: 'ID' }, type: 'string' },
  ],
  permissions: { export: 'pairing.read' },
  async exportRows(ctx, actor, filters) {
    const parsed = listQuery.omit({ cursor: true, limit: true, format: true }).parse(filters);
    const names = (p: Awaited<ReturnType<typeof allPairings>>[number], role: PartyRole) =>
      p.parties
        .filter((x) => x.role === role)
        .map((x) => (x.lead ? `${x.name}（牵头）` : x.name))
        .join('、');
    return (await allPairings(ctx, actor, parsed)).map((p) => ({
      title: p.title,
      mode: p.modeName.zh,
      mechanism: p.mechanismName.zh,
      status: STATUS_LABELS[p.status].zh,
      helping: names(p, 'helping'),
      helped: names(p, 'helped'),
      regionName: p.regionName,
      startDate: p.startDate,
      endDate: p.endDate ?? '',
      taskProgress: p.taskProgress,
      id: p.id,
    }));
  },
};
