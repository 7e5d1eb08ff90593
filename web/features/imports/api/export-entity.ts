import { api, saveBlob, type Query } from '../../../lib/api.ts';
import type { Format } from '../types.ts';

/** GET /tabular/ENTITY/export: everything in the user's scope that matches the filters. */
export async function exportEntity(entity: string, format: Format, name: string, filters: Query = {}): Promise<void> {
  saveBlob(await api.download(`/tabular/${encodeURIComponent(entity)}/export`, { ...filters, format }, `${name}.${format}`));
}
