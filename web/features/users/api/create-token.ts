import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { CreatedToken } from '../types.ts';

/** POST /users/ID/tokens: the answer holds the secret, once. */
export function createToken({ userId, name }: { userId: string; name: string }): Promise<CreatedToken> {
  return api.post<CreatedToken>(`/users/${encodeURIComponent(userId)}/tokens`, { name });
}

export function useCreateToken() {
  const client = useQueryClient();
  return useMutation({ mutationFn: createToken, onSuccess: (_, { userId }) => client.invalidateQueries({ queryKey: ['users', 'tokens', userId] }) });
}
