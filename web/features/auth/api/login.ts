import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from '../../../lib/api.ts';
import type { LoginResponse } from '../types.ts';
import { meQueryKey } from './get-me.ts';

export interface LoginInput {
  username: string;
  password: string;
}

export function login(input: LoginInput): Promise<LoginResponse> {
  return api.post<LoginResponse>('/auth/login', input);
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (result) => {
      setCsrfToken(result.csrfToken);
      // Whatever the previous user had cached must not leak into this session.
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
      client.setQueryData(meQueryKey, result.user);
    },
  });
}
