import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { PairingDetail, TransitionInput } from '../types.ts';
import { invalidatePairing } from './invalidate.ts';

/** POST /pairings/ID/transition: activate, conclude or dissolve (with a reason). */
export function transitionPairing({ id, ...body }: TransitionInput & { id: string }): Promise<PairingDetail> {
  return api.post<PairingDetail>(`/pairings/${encodeURIComponent(id)}/transition`, body);
}

export function useTransitionPairing() {
  const client = useQueryClient();
  return useMutation({ mutationFn: transitionPairing, onSettled: () => invalidatePairing(client) });
}
