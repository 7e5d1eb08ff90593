import type { QueryClient } from '@tanstack/react-query';

/** After a write to projects: boards, lists, details, the pairing pages and the cockpit may have changed. */
export async function invalidateProjects(client: QueryClient): Promise<void> {
  await Promise.all([client.invalidateQueries({ queryKey: ['projects'] }), client.invalidateQueries({ queryKey: ['pairing'] }), client.invalidateQueries({ queryKey: ['indicators'] })]);
}
