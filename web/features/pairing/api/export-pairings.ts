import { api, saveBlob } from '../../../lib/api.ts';
import type { PairingFilters } from '../types.ts';

/** GET /pairings?format=xlsx: the filtered list as a spreadsheet. */
export async function exportPairings(filters: PairingFilters, name: string): Promise<void> {
  saveBlob(await api.download('/pairings', { ...filters, format: 'xlsx' }, `${name}.xlsx`));
}
