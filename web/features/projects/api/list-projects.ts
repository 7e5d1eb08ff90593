import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { ProjectFilters, ProjectPage } from '../types.ts';

export interface ListProjectsParams extends ProjectFilters {
  cursor?: string;
  limit?: number;
}

/** GET /projects: top-level projects in view with progress rolled up over their children. */
export function listProjects(params: ListProjectsParams, signal?: AbortSignal): Promise<ProjectPage> {
  return api.get<ProjectPage>('/projects', { ...params }, signal);
}

export function useProjects(params: ListProjectsParams) {
  return useQuery({ queryKey: ['projects', 'list', params], queryFn: ({ signal }) => listProjects(params, signal), placeholderData: keepPreviousData });
}
