import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Coverage } from '../types.ts';

/** GET /pairing/coverage?region=: covered towns and villages, idle units, capacities, unmet needs, heat maps. */
export function getCoverage(region: string, signal?: AbortSignal): Promise<Coverage> {
  return api.get<Coverage>('/pairing/coverage', { region }, signal);
}

export function useCoverage(region: string | undefined) {
  return useQuery({ queryKey: ['pairing', 'coverage', region], queryFn: ({ signal }) => getCoverage(region!, signal), enabled: Boolean(region) });
}
