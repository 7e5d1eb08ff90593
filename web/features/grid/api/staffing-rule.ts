import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, request } from '../../../lib/api.ts';
import type { StaffingRule, StaffingRuleView } from '../types.ts';
import { invalidateGrid } from './invalidate.ts';

/** GET /grid/staffing-rule */
export function getStaffingRule(signal?: AbortSignal): Promise<StaffingRuleView> {
  return api.get<StaffingRuleView>('/grid/staffing-rule', undefined, signal);
}

export function useStaffingRule() {
  return useQuery({ queryKey: ['grid', 'staffing-rule'], queryFn: ({ signal }) => getStaffingRule(signal) });
}

/** PUT /grid/staffing-rule with the version read (0 before the first change); district admins only. */
export function putStaffingRule(input: StaffingRule & { version: number }): Promise<StaffingRuleView> {
  return request<StaffingRuleView>('PUT', '/grid/staffing-rule', { body: input });
}

export function usePutStaffingRule() {
  const client = useQueryClient();
  return useMutation({ mutationFn: putStaffingRule, onSettled: () => invalidateGrid(client) });
}
