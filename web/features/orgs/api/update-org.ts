import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Org, UpdateOrgInput } from '../types.ts';
import { invalidateOrgs } from './invalidate.ts';

/** PATCH /orgs/ID with the version the editor saw (a stale version answers 409). */
export function updateOrg({ id, ...body }: UpdateOrgInput & { id: string }): Promise<Org> {
  return api.patch<Org>(`/orgs/${encodeURIComponent(id)}`, body);
}

export function useUpdateOrg() {
  const client = useQueryClient();
  return useMutation({ mutationFn: updateOrg, onSettled: () => invalidateOrgs(client) });
}
