import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { AssignmentRole, Member } from '../types.ts';
import { invalidateGrid } from './invalidate.ts';

/** POST /grid/members/ID/assignments: place in a micro-grid, or change the role there. */
export function assignMember({ id, microGridCode, role }: { id: string; microGridCode: string; role: AssignmentRole }): Promise<Member> {
  return api.post<Member>(`/grid/members/${encodeURIComponent(id)}/assignments`, { microGridCode, role });
}

export function useAssignMember() {
  const client = useQueryClient();
  return useMutation({ mutationFn: assignMember, onSettled: () => invalidateGrid(client) });
}
