import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { ApiTokenRow } from '../types.ts';

/** GET /users/ID/tokens: names and prefixes only; the secrets are never shown again. */
export function listTokens(userId: string, signal?: AbortSignal): Promise<{ items: ApiTokenRow[] }> {
  return api.get<{ items: ApiTokenRow[] }>(`/users/${encodeURIComponent(userId)}/tokens`, undefined, signal);
}

export function useTokens(userId: string | undefined) {
  return useQuery({ queryKey: ['users', 'tokens', userId], queryFn: ({ signal }) => listTokens(userId ?? '', signal), enabled: Boolean(userId) });
}
