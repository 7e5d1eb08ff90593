import { defineMessages } from '../../lib/i18n.tsx';

export const messages = defineMessages(
  {
    title: '驾驶舱',
    subtitle: '{region}的实时指标，点击数字查看明细',
    noIndicators: '该区域暂无指标',
    overview: '指标概览',
    records: '明细',
    backToCockpit: '返回驾驶舱',
    recordsSubtitle: '{region} · 共 {total} 条',
    export: '导出 CSV',
    exporting: '正在导出…',
    exportDone: '已导出 {count} 条',
    regionMissing: '请先选择区域',
    viewRegion: '在区域中查看',
  },
  {
    title: 'Cockpit',
    subtitle: 'Live figures for {region}; click a figure for its records',
    noIndicators: 'No figures for this region yet',
    overview: 'Overview',
    records: 'Records',
    backToCockpit: 'Back to the cockpit',
    recordsSubtitle: '{region} · {total} records',
    export: 'Export CSV',
    exporting: 'Exporting…',
    exportDone: '{count} records exported',
    regionMissing: 'Choose a region first',
    viewRegion: 'Show in regions',
  },
);

/** Group titles on the cockpit, one per module that declares indicators. */
export const MODULE_LABELS: Record<string, { zh: string; en: string }> = {
  regions: { zh: '区域概况', en: 'Regions' },
  orgs: { zh: '组织', en: 'Organisations' },
  pairing: { zh: '结对共建', en: 'Pairing and co-building' },
  projects: { zh: '共建项目', en: 'Projects' },
  partners: { zh: '多元共治', en: 'Partners' },
  clusters: { zh: '片区与集体经济', en: 'Village clusters and collective economy' },
  talent: { zh: '人才与后备干部', en: 'Talent and reserve cadres' },
  grid: { zh: '网格治理', en: 'Grid governance' },
  cases: { zh: '事件办理', en: 'Case handling' },
  agri: { zh: '开放农业', en: 'Open agriculture' },
};
