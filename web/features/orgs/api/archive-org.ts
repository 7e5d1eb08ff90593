import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Org } from '../types.ts';
import { invalidateOrgs } from './invalidate.ts';

/** POST /orgs/ID/archive or /restore. */
export function setOrgArchived({ id, version, archived }: { id: string; version: number; archived: boolean }): Promise<Org> {
  return api.post<Org>(`/orgs/${encodeURIComponent(id)}/${archived ? 'archive' : 'restore'}`, { version });
}

export function useSetOrgArchived() {
  const client = useQueryClient();
  return useMutation({ mutationFn: setOrgArchived, onSettled: () => invalidateOrgs(client) });
}
