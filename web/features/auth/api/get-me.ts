import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, isApiError, setCsrfToken } from '../../../lib/api.ts';
import type { MeResponse, User } from '../types.ts';

export const meQueryKey = ['auth', 'me'] as const;

/** Who is signed in, or null. A 401 is an answer here, not an error. */
export async function getMe(signal?: AbortSignal): Promise<User | null> {
  try {
    const me = await api.get<MeResponse>('/auth/me', undefined, signal);
    setCsrfToken(me.csrfToken);
    return me.user;
  } catch (error) {
    if (isApiError(error, 401)) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export const meQuery = queryOptions({ queryKey: meQueryKey, queryFn: ({ signal }) => getMe(signal), staleTime: 5 * 60_000 });

export function useMe() {
  return useQuery(meQuery);
}
