import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { UpdateUserInput, User } from '../types.ts';

/** PATCH /users/ID with the version the editor saw (a stale version answers 409). */
export function updateUser({ id, ...body }: UpdateUserInput & { id: string }): Promise<User> {
  return api.patch<User>(`/users/${encodeURIComponent(id)}`, body);
}

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({ mutationFn: updateUser, onSettled: () => client.invalidateQueries({ queryKey: ['users'] }) });
}
