import type { QueryClient } from '@tanstack/react-query';

/** After a write to organisations: lists, pickers, coverage and the cockpit's figures may have changed. */
export async function invalidateOrgs(client: QueryClient): Promise<void> {
  await Promise.all([client.invalidateQueries({ queryKey: ['orgs'] }), client.invalidateQueries({ queryKey: ['pairing'] }), client.invalidateQueries({ queryKey: ['indicators'] })]);
}
