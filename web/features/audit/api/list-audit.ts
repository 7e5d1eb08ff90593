import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { AuditPage } from '../types.ts';

export interface AuditFilters {
  entity?: string;
  action?: string;
  q?: string;
  /** ISO date-times, inclusive. */
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

/** GET /audit: newest first, paged by sequence number. */
export function listAudit(filters: AuditFilters, signal?: AbortSignal): Promise<AuditPage> {
  return api.get<AuditPage>('/audit', { ...filters }, signal);
}

export function useAudit(filters: AuditFilters) {
  return useQuery({ queryKey: ['audit', 'list', filters], queryFn: ({ signal }) => listAudit(filters, signal), placeholderData: keepPreviousData });
}
