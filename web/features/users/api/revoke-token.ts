import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';

/** DELETE /users/ID/tokens/TOKENID */
export function revokeToken({ userId, tokenId }: { userId: string; tokenId: string }): Promise<void> {
  return api.delete(`/users/${encodeURIComponent(userId)}/tokens/${encodeURIComponent(tokenId)}`);
}

export function useRevokeToken() {
  const client = useQueryClient();
  return useMutation({ mutationFn: revokeToken, onSettled: (_, __, { userId }) => client.invalidateQueries({ queryKey: ['users', 'tokens', userId] }) });
}
