import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { ImportJob } from '../types.ts';

/** GET /tabular/jobs/ID: progress while running, then the summary with every row error. */
export function getJob(id: string, signal?: AbortSignal): Promise<ImportJob> {
  return api.get<ImportJob>(`/tabular/jobs/${encodeURIComponent(id)}`, undefined, signal);
}

export function useJob(id: string | undefined) {
  return useQuery({
    queryKey: ['tabular', 'job', id],
    queryFn: ({ signal }) => getJob(id ?? '', signal),
    enabled: Boolean(id),
    // Poll while it runs; stop once it is done or failed.
    refetchInterval: (query) => (query.state.data?.status === 'running' || !query.state.data ? 700 : false),
    staleTime: 0,
  });
}
