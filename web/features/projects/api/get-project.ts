import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { ProjectDetail } from '../types.ts';

/** GET /projects/ID: a project with funding, children, ancestors and progress reports. */
export function getProject(id: string, signal?: AbortSignal): Promise<ProjectDetail> {
  return api.get<ProjectDetail>(`/projects/${encodeURIComponent(id)}`, undefined, signal);
}

export function useProject(id: string | undefined) {
  return useQuery({ queryKey: ['projects', 'one', id], queryFn: ({ signal }) => getProject(id!, signal), enabled: Boolean(id) });
}
