import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from '../../../lib/api.ts';
import { clearSignedInStorage } from '../../../lib/signed-in-storage.ts';
import { meQueryKey } from './get-me.ts';

export function logout(): Promise<void> {
  return api.post<void>('/auth/logout');
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: logout,
    // Signed out locally even when the network call fails: the person asked to leave.
    onSettled: () => {
      setCsrfToken(null);
      clearSignedInStorage();
      client.clear();
      client.setQueryData(meQueryKey, null);
    },
  });
}
