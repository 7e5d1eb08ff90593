import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { CreatePairingInput, PairingDetail } from '../types.ts';
import { invalidatePairing } from './invalidate.ts';

/** POST /pairings: the rules are checked on the server (422 mechanism or capacity, 409 duplicate). */
export function createPairing(input: CreatePairingInput): Promise<PairingDetail> {
  return api.post<PairingDetail>('/pairings', input);
}

export function useCreatePairing() {
  const client = useQueryClient();
  return useMutation({ mutationFn: createPairing, onSettled: () => invalidatePairing(client) });
}
