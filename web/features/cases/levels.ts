/** The levels a case can be handled at, as cadres name them. */
export const LEVEL_LABELS: Readonly<Record<string, { zh: string; en: string }>> = {
  micro_grid: { zh: '微网格', en: 'Micro-grid' },
  village: { zh: '村（社区）', en: 'Village' },
  town: { zh: '镇（街道）', en: 'Town' },
  district: { zh: '区', en: 'District' },
};
