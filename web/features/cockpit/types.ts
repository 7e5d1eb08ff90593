import type { z } from 'zod';
import type { indicatorsResponse, indicatorValue } from '../../../server/modules/indicators/schema.ts';
import type { Bilingual } from '../../lib/i18n.tsx';

export type IndicatorsResponse = z.infer<typeof indicatorsResponse>;
export type Indicator = z.infer<typeof indicatorValue>;

/** GET /indicators/ID/records. The route declares no response schema, so its shape is written here. */
export interface IndicatorRecords {
  id: string;
  label: string;
  labels?: Bilingual;
  value: number;
  unit: string;
  units?: Bilingual;
  columns: { key: string; label: string; labels?: Bilingual }[];
  rows: Record<string, unknown>[];
  total: number;
}
