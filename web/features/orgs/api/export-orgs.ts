import { api, saveBlob } from '../../../lib/api.ts';
import type { OrgFilters } from '../types.ts';

/** GET /orgs?format=xlsx: the whole filtered list as a spreadsheet, re-importable as it is. */
export async function exportOrgs(filters: OrgFilters, name: string): Promise<void> {
  saveBlob(await api.download('/orgs', { ...filters, format: 'xlsx' }, `${name}.xlsx`));
}
