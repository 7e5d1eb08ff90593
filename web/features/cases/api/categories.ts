import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { CategoryItem } from '../types.ts';

/** GET /public/categories: the active categories (two levels), each with its extra questions. */
export function getCategories(signal?: AbortSignal): Promise<{ items: CategoryItem[] }> {
  return api.get('/public/categories', undefined, signal);
}

export function useCategories() {
  return useQuery({
    queryKey: ['cases', 'categories'],
    queryFn: ({ signal }) => getCategories(signal),
    staleTime: 5 * 60_000,
  });
}

/** GET /case-categories: every category, deactivated ones too, each with its version (for editing). */
export function getAllCategories(signal?: AbortSignal): Promise<{ items: CategoryItem[] }> {
  return api.get('/case-categories', undefined, signal);
}

export function useAllCategories() {
  return useQuery({ queryKey: ['cases', 'categories', 'all'], queryFn: ({ signal }) => getAllCategories(signal) });
}
