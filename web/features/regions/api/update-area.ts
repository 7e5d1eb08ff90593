import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Area, RegionDetail } from '../types.ts';
import { invalidateRegions } from './invalidate.ts';

export interface UpdateAreaInput {
  code: string;
  version: number;
  name?: string;
  geometry?: Area;
}

/** PATCH /regions/CODE: rename or redraw, guarded by the version the editor saw. */
export function updateArea({ code, ...body }: UpdateAreaInput): Promise<RegionDetail> {
  return api.patch<RegionDetail>(`/regions/${encodeURIComponent(code)}`, body);
}

export function useUpdateArea() {
  const client = useQueryClient();
  return useMutation({ mutationFn: updateArea, onSettled: () => invalidateRegions(client) });
}
