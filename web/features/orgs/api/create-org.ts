import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { CreateOrgInput, Org } from '../types.ts';
import { invalidateOrgs } from './invalidate.ts';

/** POST /orgs */
export function createOrg(input: CreateOrgInput): Promise<Org> {
  return api.post<Org>('/orgs', input);
}

export function useCreateOrg() {
  const client = useQueryClient();
  return useMutation({ mutationFn: createOrg, onSettled: () => invalidateOrgs(client) });
}
