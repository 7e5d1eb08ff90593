import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Area, EditableLevel, RegionDetail } from '../types.ts';
import { invalidateRegions } from './invalidate.ts';

export interface CreateAreaInput {
  parentCode: string;
  level: EditableLevel;
  name: string;
  code?: string;
  geometry?: Area;
}

/** POST /regions: a new grid or micro-grid. The answer may carry `warnings` (overlaps are allowed). */
export function createArea(input: CreateAreaInput): Promise<RegionDetail> {
  return api.post<RegionDetail>('/regions', input);
}

export function useCreateArea() {
  const client = useQueryClient();
  return useMutation({ mutationFn: createArea, onSuccess: () => invalidateRegions(client) });
}
