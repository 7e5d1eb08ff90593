import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { OrgFilters, OrgPage } from '../types.ts';

export interface ListOrgsParams extends OrgFilters {
  cursor?: string;
  limit?: number;
}

/** GET /orgs: organisations in view (in scope, or above it), paged by cursor; phones masked. */
export function listOrgs(params: ListOrgsParams, signal?: AbortSignal): Promise<OrgPage> {
  return api.get<OrgPage>('/orgs', { ...params }, signal);
}

export function useOrgs(params: ListOrgsParams, enabled = true) {
  return useQuery({ queryKey: ['orgs', 'list', params], queryFn: ({ signal }) => listOrgs(params, signal), placeholderData: keepPreviousData, enabled });
}
