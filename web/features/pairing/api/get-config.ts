import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { PairingConfig } from '../types.ts';

/** GET /pairing/config: mechanisms with their slots, modes with their task templates. */
export function getPairingConfig(signal?: AbortSignal): Promise<PairingConfig> {
  return api.get<PairingConfig>('/pairing/config', undefined, signal);
}

export function usePairingConfig() {
  return useQuery({ queryKey: ['pairing', 'config'], queryFn: ({ signal }) => getPairingConfig(signal), staleTime: 5 * 60_000 });
}
