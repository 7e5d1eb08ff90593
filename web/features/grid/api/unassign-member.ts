import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import { invalidateGrid } from './invalidate.ts';

/** DELETE /grid/members/ID/assignments/CODE */
export function unassignMember({ id, microGridCode }: { id: string; microGridCode: string }): Promise<void> {
  return api.delete(`/grid/members/${encodeURIComponent(id)}/assignments/${encodeURIComponent(microGridCode)}`);
}

export function useUnassignMember() {
  const client = useQueryClient();
  return useMutation({ mutationFn: unassignMember, onSettled: () => invalidateGrid(client) });
}
