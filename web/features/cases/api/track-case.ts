import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { PublicCase } from '../types.ts';

/** GET /public/cases/:trackingNo — with the reporter's token, the reporter's own view. */
export function getPublicCase(trackingNo: string, token: string | undefined, signal?: AbortSignal): Promise<PublicCase> {
  return api.get(`/public/cases/${encodeURIComponent(trackingNo)}`, { token }, signal);
}

export function usePublicCase(trackingNo: string | undefined, token: string | undefined) {
  return useQuery({
    queryKey: ['cases', 'public', trackingNo, token],
    queryFn: ({ signal }) => getPublicCase(trackingNo!, token, signal),
    enabled: Boolean(trackingNo),
  });
}
