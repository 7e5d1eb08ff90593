import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { CreateMemberInput, Member } from '../types.ts';
import { invalidateGrid } from './invalidate.ts';

/** POST /grid/members */
export function createMember(input: CreateMemberInput): Promise<Member> {
  return api.post<Member>('/grid/members', input);
}

export function useCreateMember() {
  const client = useQueryClient();
  return useMutation({ mutationFn: createMember, onSuccess: () => invalidateGrid(client) });
}
