import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MatchmakerAccepted, MatchmakerAcceptInput } from '../types.ts';
import { invalidatePairing } from './invalidate.ts';

/** POST /pairing/matchmaker/accept: the chosen suggestions become proposed pairings, all or none. */
export function acceptSuggestions(input: MatchmakerAcceptInput): Promise<MatchmakerAccepted> {
  return api.post<MatchmakerAccepted>('/pairing/matchmaker/accept', input);
}

export function useAcceptSuggestions() {
  const client = useQueryClient();
  return useMutation({ mutationFn: acceptSuggestions, onSettled: () => invalidatePairing(client) });
}
