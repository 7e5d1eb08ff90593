import { api, saveBlob } from '../../../lib/api.ts';
import type { MemberFilters } from '../types.ts';

/** GET /grid/members?format=xlsx: the whole filtered list as a spreadsheet (full phones only for roles that may see them). */
export async function exportMembers(filters: MemberFilters, name: string): Promise<void> {
  saveBlob(await api.download('/grid/members', { ...filters, format: 'xlsx' }, `${name}.xlsx`));
}
