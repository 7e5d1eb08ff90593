import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { IndicatorsResponse } from '../types.ts';

/** GET /indicators?region=CODE: every registered figure, computed live for the region's subtree. */
export function getIndicators(region: string, signal?: AbortSignal): Promise<IndicatorsResponse> {
  return api.get<IndicatorsResponse>('/indicators', { region }, signal);
}

export function useIndicators(region: string | undefined) {
  return useQuery({
    queryKey: ['indicators', 'values', region],
    queryFn: ({ signal }) => getIndicators(region ?? '', signal),
    enabled: Boolean(region),
    placeholderData: keepPreviousData,
  });
}
