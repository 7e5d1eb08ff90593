import { api } from '../../../lib/api.ts';
import type { RegionSummary } from '../../regions/index.ts';

/** GET /regions?within=&level=village: every village and community of a region, for the matchmaker's "all" choice. */
export async function listVillageCodes(region: string): Promise<string[]> {
  const page = await api.get<{ items: RegionSummary[] }>('/regions', { within: region, level: 'village', limit: 500 });
  return page.items.map((r) => r.code);
}
