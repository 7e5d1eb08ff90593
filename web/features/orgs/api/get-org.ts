import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Org } from '../types.ts';

/** GET /orgs/ID: one organisation; the liaison's phone in full for roles that may see it (the read is audited). */
export function getOrg(id: string, signal?: AbortSignal): Promise<Org> {
  return api.get<Org>(`/orgs/${encodeURIComponent(id)}`, undefined, signal);
}

export function useOrg(id: string | undefined) {
  return useQuery({ queryKey: ['orgs', 'one', id], queryFn: ({ signal }) => getOrg(id!, signal), enabled: Boolean(id) });
}
