import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MatchmakerRun, MatchmakerRunInput } from '../types.ts';

/** POST /pairing/matchmaker/run: the optimal suggestions for the chosen villages, weights and mechanism; writes no pairing. */
export function runMatchmaker(input: MatchmakerRunInput): Promise<MatchmakerRun> {
  return api.post<MatchmakerRun>('/pairing/matchmaker/run', input);
}

export function useRunMatchmaker() {
  return useMutation({ mutationFn: runMatchmaker });
}
