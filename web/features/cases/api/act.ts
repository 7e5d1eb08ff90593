import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { ActionType, CaseDetail } from '../types.ts';
import { invalidateCases } from './invalidate.ts';

export interface ActionInput {
  id: string;
  action: ActionType;
  version: number;
  notes?: string;
  reason?: string;
  assignee?: { kind: 'member' | 'unit'; id: string };
  amount?: { unit: 'days' | 'hours'; amount: number };
  photos?: string[];
}

/** POST /cases/:id/actions/:action with the version seen; 409 when someone else acted first. */
export function actOnCase({ id, action, ...body }: ActionInput): Promise<CaseDetail> {
  return api.post(`/cases/${encodeURIComponent(id)}/actions/${action}`, body);
}

export function useAct() {
  const client = useQueryClient();
  // A conflict also refreshes: the page then shows what the other person did.
  return useMutation({
    mutationFn: actOnCase,
    onSettled: () => invalidateCases(client),
  });
}
