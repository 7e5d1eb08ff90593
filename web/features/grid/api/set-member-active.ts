import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Member } from '../types.ts';
import { invalidateGrid } from './invalidate.ts';

/** POST /grid/members/ID/deactivate or /reactivate (the undo of a deactivation). */
export function setMemberActive({ id, version, active }: { id: string; version: number; active: boolean }): Promise<Member> {
  return api.post<Member>(`/grid/members/${encodeURIComponent(id)}/${active ? 'reactivate' : 'deactivate'}`, { version });
}

export function useSetMemberActive() {
  const client = useQueryClient();
  return useMutation({ mutationFn: setMemberActive, onSettled: () => invalidateGrid(client) });
}
