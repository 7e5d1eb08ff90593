import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { PairingDetail, UpdateTaskInput } from '../types.ts';
import { invalidatePairing } from './invalidate.ts';

/** PATCH /pairings/ID/tasks/TASK: status and progress move together; a stale version answers 409. */
export function updateTask({ id, taskId, ...body }: UpdateTaskInput & { id: string; taskId: string }): Promise<PairingDetail> {
  return api.patch<PairingDetail>(`/pairings/${encodeURIComponent(id)}/tasks/${encodeURIComponent(taskId)}`, body);
}

export function useUpdateTask() {
  const client = useQueryClient();
  return useMutation({ mutationFn: updateTask, onSettled: () => invalidatePairing(client) });
}
