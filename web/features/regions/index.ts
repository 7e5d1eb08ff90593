/** What other features may use from the regions feature. */
export { RegionPicker } from './components/region-picker.tsx';
export { useRegion, regionQuery } from './api/get-region.ts';
export type { RegionSummary, RegionDetail, Level } from './types.ts';
export { RegionName } from './components/region-name.tsx';
export { LEVEL_LABELS } from './messages.ts';
