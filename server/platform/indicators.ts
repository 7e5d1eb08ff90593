import type { Actor } from './auth/actor.ts';
import type { AppContext } from './module.ts';

export interface Bilingual {
  zh: string;
  en: string;
}

export interface IndicatorQuery {
  /** The region whose subtree is counted, and its materialised path. */
  regionCode: string;
  regionPath: string;
  /** Optional period, ISO dates, inclusive. */
  from?: string;
  to?: string;
}

export interface IndicatorColumn {
  key: string;
  label: Bilingual;
}

export interface IndicatorRecords {
  columns: IndicatorColumn[];
  rows: Record<string, unknown>[];
  total: number;
}

/**
 * A headline figure. Its value is always computed from records by `compute`, and `records`
 * lists the records behind it, so every figure on the cockpit can be drilled into.
 */
export interface IndicatorDefinition {
  id: string;
  label: Bilingual;
  unit: Bilingual;
  /** The records are personal or internal: who may drill down (defaults to any signed-in user). */
  compute(ctx: AppContext, query: IndicatorQuery): Promise<number>;
  records(ctx: AppContext, query: IndicatorQuery & { limit: number; offset: number; actor: Actor }): Promise<IndicatorRecords>;
}
