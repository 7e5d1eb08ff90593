import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Vocabulary } from '../types.ts';

/** GET /orgs/vocabulary: the domains and the resource/need tags, with their labels. */
export function getVocabulary(signal?: AbortSignal): Promise<Vocabulary> {
  return api.get<Vocabulary>('/orgs/vocabulary', undefined, signal);
}

export function useVocabulary() {
  return useQuery({ queryKey: ['orgs', 'vocabulary'], queryFn: ({ signal }) => getVocabulary(signal), staleTime: Infinity });
}
