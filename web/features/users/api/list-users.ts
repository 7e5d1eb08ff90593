import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { UserPage } from '../types.ts';

export interface ListUsersParams {
  q?: string;
  role?: string;
  cursor?: string;
  limit?: number;
}

/** GET /users: people in the admin's scope, by username, paged by cursor. */
export function listUsers(params: ListUsersParams, signal?: AbortSignal): Promise<UserPage> {
  return api.get<UserPage>('/users', { ...params }, signal);
}

export function useUsers(params: ListUsersParams) {
  return useQuery({ queryKey: ['users', 'list', params], queryFn: ({ signal }) => listUsers(params, signal), placeholderData: keepPreviousData });
}
