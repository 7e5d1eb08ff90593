import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';

export interface Account {
  id: string;
  username: string;
  displayName: string;
  role: string;
  /** The member this account already serves, if any. */
  linkedTo: { memberId: string; name: string } | null;
}

/** GET /grid/accounts?q=: sign-in accounts within the editor's scope that a member can be linked to. */
export function getAccounts(q: string, signal?: AbortSignal): Promise<{ items: Account[] }> {
  return api.get('/grid/accounts', q ? { q, limit: 20 } : { limit: 20 }, signal);
}

export function useAccounts(q: string, enabled: boolean) {
  return useQuery({ queryKey: ['grid', 'accounts', q], queryFn: ({ signal }) => getAccounts(q, signal), enabled, placeholderData: keepPreviousData, staleTime: 60_000 });
}
