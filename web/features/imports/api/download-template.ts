import { api, saveBlob } from '../../../lib/api.ts';
import type { Format } from '../types.ts';

/** GET /tabular/ENTITY/template: an empty sheet with the headers (and an example row). */
export async function downloadTemplate(entity: string, format: Format, name: string): Promise<void> {
  saveBlob(await api.download(`/tabular/${encodeURIComponent(entity)}/template`, { format }, `${name}.${format}`));
}
