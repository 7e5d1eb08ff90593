import type { QueryClient } from '@tanstack/react-query';

/** Every cases query starts with 'cases': a write refreshes them all. */
export function invalidateCases(client: QueryClient): Promise<void> {
  return client.invalidateQueries({ queryKey: ['cases'] });
}
