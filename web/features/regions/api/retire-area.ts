import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { RegionDetail } from '../types.ts';
import { invalidateRegions } from './invalidate.ts';

export interface RetireInput {
  code: string;
  version: number;
  /** false restores a retired area. */
  retire: boolean;
}

/** POST /regions/CODE/retire or /restore. */
export function setRetired({ code, version, retire }: RetireInput): Promise<RegionDetail> {
  return api.post<RegionDetail>(`/regions/${encodeURIComponent(code)}/${retire ? 'retire' : 'restore'}`, { version });
}

export function useSetRetired() {
  const client = useQueryClient();
  return useMutation({ mutationFn: setRetired, onSettled: () => invalidateRegions(client) });
}
