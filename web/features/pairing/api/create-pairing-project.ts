import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { ProjectDetail, ProjectInput } from '../../projects/index.ts';
import { invalidatePairing } from './invalidate.ts';

/** POST /pairings/ID/projects: a co-building project owned by this active pairing. */
export function createPairingProject({ id, ...body }: ProjectInput & { id: string }): Promise<ProjectDetail> {
  return api.post<ProjectDetail>(`/pairings/${encodeURIComponent(id)}/projects`, body);
}

export function useCreatePairingProject() {
  const client = useQueryClient();
  return useMutation({ mutationFn: createPairingProject, onSettled: () => invalidatePairing(client) });
}
