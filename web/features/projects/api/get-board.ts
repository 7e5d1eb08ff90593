import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Board, ProjectFilters } from '../types.ts';

/** GET /projects/board: top-level projects in one column per step of the ladder. */
export function getBoard(filters: Omit<ProjectFilters, 'status'>, signal?: AbortSignal): Promise<Board> {
  return api.get<Board>('/projects/board', { ...filters }, signal);
}

export function useBoard(filters: Omit<ProjectFilters, 'status'>) {
  return useQuery({ queryKey: ['projects', 'board', filters], queryFn: ({ signal }) => getBoard(filters, signal), placeholderData: keepPreviousData });
}
