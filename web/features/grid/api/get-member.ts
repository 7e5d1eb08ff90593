import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Member } from '../types.ts';

/** GET /grid/members/ID: roles that may see personal data get the full phone, and the read is audited. */
export function getMember(id: string, signal?: AbortSignal): Promise<Member> {
  return api.get<Member>(`/grid/members/${encodeURIComponent(id)}`, undefined, signal);
}

export function useMember(id: string | undefined) {
  // Each full read is an audit entry: keep the answer rather than refetch on every open.
  return useQuery({ queryKey: ['grid', 'member', id], queryFn: ({ signal }) => getMember(id ?? '', signal), enabled: Boolean(id), staleTime: 5 * 60_000 });
}
