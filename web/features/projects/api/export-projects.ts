import { api, saveBlob } from '../../../lib/api.ts';
import type { ProjectFilters } from '../types.ts';

/** GET /projects?format=xlsx: the filtered list as a spreadsheet. */
export async function exportProjects(filters: ProjectFilters, name: string): Promise<void> {
  saveBlob(await api.download('/projects', { ...filters, format: 'xlsx' }, `${name}.xlsx`));
}
