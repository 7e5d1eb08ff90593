import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { PublicCase } from '../types.ts';
import { invalidateCases } from './invalidate.ts';

export interface VerifyInput {
  trackingNo: string;
  token: string;
  result: 'pass' | 'fail';
  reason?: string;
}

/** POST /public/cases/:trackingNo/verify: the reporter's verdict on the handling. */
export function verifyCase({ trackingNo, ...body }: VerifyInput): Promise<PublicCase> {
  return api.post(`/public/cases/${encodeURIComponent(trackingNo)}/verify`, body);
}

export function useVerifyCase() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: verifyCase,
    onSuccess: () => invalidateCases(client),
  });
}
