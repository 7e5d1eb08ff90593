import { z } from 'zod';
import { regionCodeParam } from '../../platform/http/schemas.ts';

const bilingual = z.object({ zh: z.string(), en: z.string() });

export const indicatorsQuery = z.strictObject({
  region: regionCodeParam,
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  lang: z.enum(['zh', 'en']).optional(),
  module: z.string().max(40).optional(),
});

export const indicatorValue = z.object({
  id: z.string(),
  module: z.string(),
  label: z.string(),
  labels: bilingual,
  value: z.number(),
  unit: z.string(),
  units: bilingual,
});

export const indicatorsResponse = z.object({ region: z.object({ code: z.string(), name: z.string() }), items: z.array(indicatorValue) });

export const recordsParams = z.strictObject({ id: z.string().min(1).max(80) });
export const recordsQuery = indicatorsQuery.extend({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
