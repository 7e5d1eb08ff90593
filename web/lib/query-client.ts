import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api.ts';

/** Listeners told when any call finds the session gone (expired, signed out elsewhere). */
const signedOutListeners = new Set<() => void>();

export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

function notice(error: unknown): void {
  if (error instanceof ApiError && error.status === 401) for (const listener of signedOutListeners) listener();
}

/**
 * Server state for the whole app. Weak networks: retry network failures and 5xx twice with
 * backoff, never a 4xx (the answer will not change); keep data fresh for half a minute.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError: notice }),
    mutationCache: new MutationCache({ onError: notice }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failures, error) => failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      },
      mutations: { retry: false },
    },
  });
}
