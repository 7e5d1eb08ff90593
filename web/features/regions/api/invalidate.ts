import type { QueryClient } from '@tanstack/react-query';

/** After any region write: the tree, details, polygons and every figure may have changed. */
export async function invalidateRegions(client: QueryClient): Promise<void> {
  await Promise.all([client.invalidateQueries({ queryKey: ['regions'] }), client.invalidateQueries({ queryKey: ['indicators'] })]);
}
