import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { CreateProjectInput, ProjectDetail } from '../types.ts';
import { invalidateProjects } from './invalidate.ts';

/** POST /projects: a project owned by organisations or named parties, or a child project. */
export function createProject(input: CreateProjectInput): Promise<ProjectDetail> {
  return api.post<ProjectDetail>('/projects', input);
}

export function useCreateProject() {
  const client = useQueryClient();
  return useMutation({ mutationFn: createProject, onSettled: () => invalidateProjects(client) });
}
