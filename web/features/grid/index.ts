/** What other features may use from the grid feature (the cases module's categories name a force type). */
export { FORCE_TYPE_COLORS, FORCE_TYPE_LABELS } from './messages.ts';
export { FORCE_TYPES, type ForceType } from './types.ts';
