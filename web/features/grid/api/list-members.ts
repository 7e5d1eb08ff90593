import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MemberFilters, MemberPage } from '../types.ts';

export interface ListMembersParams extends MemberFilters {
  cursor?: string;
  limit?: number;
}

/** GET /grid/members: members in scope, newest registration last, paged by cursor; phones masked. */
export function listMembers(params: ListMembersParams, signal?: AbortSignal): Promise<MemberPage> {
  return api.get<MemberPage>('/grid/members', { ...params }, signal);
}

export function useMembers(params: ListMembersParams) {
  return useQuery({ queryKey: ['grid', 'members', params], queryFn: ({ signal }) => listMembers(params, signal), placeholderData: keepPreviousData });
}
