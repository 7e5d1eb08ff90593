import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { CategoryItem, UpdateCategoryInput } from '../types.ts';
import { invalidateCases } from './invalidate.ts';

/** PATCH /case-categories/CODE with the version the editor saw (a stale version answers 409); also (de)activates. */
export function updateCategory({ code, ...body }: UpdateCategoryInput & { code: string }): Promise<CategoryItem> {
  return api.patch<CategoryItem>(`/case-categories/${encodeURIComponent(code)}`, body);
}

export function useUpdateCategory() {
  const client = useQueryClient();
  return useMutation({ mutationFn: updateCategory, onSettled: () => invalidateCases(client) });
}
