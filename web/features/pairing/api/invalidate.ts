import type { QueryClient } from '@tanstack/react-query';

/** After a write to pairings: lists, details, coverage, projects and the cockpit's figures may have changed. */
export async function invalidatePairing(client: QueryClient): Promise<void> {
  await Promise.all([
    client.invalidateQueries({ queryKey: ['pairing'] }),
    client.invalidateQueries({ queryKey: ['projects'] }),
    client.invalidateQueries({ queryKey: ['indicators'] }),
  ]);
}
