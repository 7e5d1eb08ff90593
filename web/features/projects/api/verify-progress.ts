import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { ProjectDetail } from '../types.ts';
import { invalidateProjects } from './invalidate.ts';

/** POST /projects/ID/progress/ENTRY/verify: by someone other than the reporter. */
export function verifyProgress({ id, entryId, version }: { id: string; entryId: string; version: number }): Promise<ProjectDetail> {
  return api.post<ProjectDetail>(`/projects/${encodeURIComponent(id)}/progress/${encodeURIComponent(entryId)}/verify`, { version });
}

export function useVerifyProgress() {
  const client = useQueryClient();
  return useMutation({ mutationFn: verifyProgress, onSettled: () => invalidateProjects(client) });
}
