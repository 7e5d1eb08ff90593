import { z } from 'zod';
import './validation-messages.ts';

/** Shared pieces of request schemas. */
export const limitParam = z.coerce.number().int().min(1).max(500).default(50);
export const cursorParam = z.string().max(200).optional();
/** A cursor that is a position (an offset or a sequence number): digits, small enough for any integer column. */
export const positionCursorParam = z
  .string()
  .regex(/^\d{1,9}$/, '翻页位置无效 Not a valid page position')
  .optional();
export const formatParam = z.enum(['json', 'xlsx', 'csv']).default('json');
export const regionCodeParam = z.string().regex(/^\d{12}(\d{2}){0,2}$/, '区域代码为 12、14 或 16 位数字 Region codes have 12, 14 or 16 digits');

export const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.array(z.record(z.string(), z.unknown())) }),
});

export function page<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
