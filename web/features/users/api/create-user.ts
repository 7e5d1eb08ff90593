import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { CreateUserInput, User } from '../types.ts';

/** POST /users */
export function createUser(input: CreateUserInput): Promise<User> {
  return api.post<User>('/users', input);
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({ mutationFn: createUser, onSuccess: () => client.invalidateQueries({ queryKey: ['users'] }) });
}
