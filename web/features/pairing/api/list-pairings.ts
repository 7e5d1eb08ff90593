import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { PairingFilters, PairingPage } from '../types.ts';

export interface ListPairingsParams extends PairingFilters {
  cursor?: string;
  limit?: number;
}

/** GET /pairings: pairings the user may see (a liaison: their organisation's), paged by cursor. */
export function listPairings(params: ListPairingsParams, signal?: AbortSignal): Promise<PairingPage> {
  return api.get<PairingPage>('/pairings', { ...params }, signal);
}

export function usePairings(params: ListPairingsParams) {
  return useQuery({ queryKey: ['pairing', 'list', params], queryFn: ({ signal }) => listPairings(params, signal), placeholderData: keepPreviousData });
}
