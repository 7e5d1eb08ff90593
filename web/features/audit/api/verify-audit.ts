import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { AuditVerification } from '../types.ts';

/** GET /audit/verify: recompute every hash of the chain. A mutation, because it runs on request. */
export function verifyAudit(): Promise<AuditVerification> {
  return api.get<AuditVerification>('/audit/verify');
}

export function useVerifyAudit() {
  return useMutation({ mutationFn: verifyAudit });
}
