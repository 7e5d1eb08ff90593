import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { PairingDetail } from '../types.ts';

/** GET /pairings/ID: parties, tasks with evidence, and the pairing's projects. */
export function getPairing(id: string, signal?: AbortSignal): Promise<PairingDetail> {
  return api.get<PairingDetail>(`/pairings/${encodeURIComponent(id)}`, undefined, signal);
}

export function usePairing(id: string | undefined) {
  return useQuery({ queryKey: ['pairing', 'one', id], queryFn: ({ signal }) => getPairing(id!, signal), enabled: Boolean(id) });
}
