import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Coverage } from '../types.ts';

/** GET /grid/coverage?region=: totals by force type, every micro-grid's team and the short ones. */
export function getCoverage(region: string, signal?: AbortSignal): Promise<Coverage> {
  return api.get<Coverage>('/grid/coverage', { region }, signal);
}

export function useCoverage(region: string | undefined) {
  return useQuery({ queryKey: ['grid', 'coverage', region], queryFn: ({ signal }) => getCoverage(region ?? '', signal), enabled: Boolean(region) });
}
