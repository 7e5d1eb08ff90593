import type { QueryClient } from '@tanstack/react-query';

/** After any write to members or areas: lists, details, coverage and the cockpit's figures may have changed. */
export async function invalidateGrid(client: QueryClient): Promise<void> {
  await Promise.all([client.invalidateQueries({ queryKey: ['grid'] }), client.invalidateQueries({ queryKey: ['indicators'] })]);
}
