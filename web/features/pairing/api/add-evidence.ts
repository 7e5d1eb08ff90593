import { useMutation, useQueryClient } from '@tanstack/react-query';
import { request } from '../../../lib/api.ts';
import type { PairingDetail } from '../types.ts';
import { invalidatePairing } from './invalidate.ts';

/** POST /pairings/ID/tasks/TASK/evidence as a form: a note and up to six photos. */
export function addEvidence({ id, taskId, note, photos }: { id: string; taskId: string; note: string; photos: File[] }): Promise<PairingDetail> {
  const form = new FormData();
  if (note) form.append('note', note);
  for (const photo of photos) form.append('photos', photo, photo.name);
  return request<PairingDetail>('POST', `/pairings/${encodeURIComponent(id)}/tasks/${encodeURIComponent(taskId)}/evidence`, { body: form });
}

export function useAddEvidence() {
  const client = useQueryClient();
  return useMutation({ mutationFn: addEvidence, onSettled: () => invalidatePairing(client) });
}
