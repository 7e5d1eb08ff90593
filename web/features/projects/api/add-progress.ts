import { useMutation, useQueryClient } from '@tanstack/react-query';
import { request } from '../../../lib/api.ts';
import type { ProgressInput, ProjectDetail } from '../types.ts';
import { invalidateProjects } from './invalidate.ts';

/** POST /projects/ID/progress: a dated report, sent as a form when it carries photos; naming a step moves the project to it. */
export function addProgress({ id, photos = [], ...body }: ProgressInput & { id: string; photos?: File[] }): Promise<ProjectDetail> {
  const path = `/projects/${encodeURIComponent(id)}/progress`;
  if (photos.length === 0) return request<ProjectDetail>('POST', path, { body });
  const form = new FormData();
  for (const [key, value] of Object.entries(body)) if (value !== undefined && value !== null && value !== '') form.append(key, String(value));
  for (const photo of photos) form.append('photos', photo, photo.name);
  return request<ProjectDetail>('POST', path, { body: form });
}

export function useAddProgress() {
  const client = useQueryClient();
  return useMutation({ mutationFn: addProgress, onSettled: () => invalidateProjects(client) });
}
