import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { CategoryItem, CreateCategoryInput } from '../types.ts';
import { invalidateCases } from './invalidate.ts';

/** POST /case-categories (district admins): 409 when the code is taken, 422 when the definition does not fit the tree. */
export function createCategory(input: CreateCategoryInput): Promise<CategoryItem> {
  return api.post<CategoryItem>('/case-categories', input);
}

export function useCreateCategory() {
  const client = useQueryClient();
  // Both category lists and the cases that name them start with 'cases'.
  return useMutation({ mutationFn: createCategory, onSuccess: () => invalidateCases(client) });
}
