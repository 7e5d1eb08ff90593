import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Member, UpdateMemberInput } from '../types.ts';
import { invalidateGrid } from './invalidate.ts';

/** PATCH /grid/members/ID with the version the editor saw (a stale version answers 409). */
export function updateMember({ id, ...body }: UpdateMemberInput & { id: string }): Promise<Member> {
  return api.patch<Member>(`/grid/members/${encodeURIComponent(id)}`, body);
}

export function useUpdateMember() {
  const client = useQueryClient();
  return useMutation({ mutationFn: updateMember, onSettled: () => invalidateGrid(client) });
}
