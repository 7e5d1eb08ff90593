import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { RegionPage, RegionSummary } from '../types.ts';

export interface ListRegionsParams {
  parent?: string;
  q?: string;
  level?: string;
  within?: string;
  includeRetired?: boolean;
  cursor?: string;
  limit?: number;
}

/** GET /regions: children (`parent`), search (`q`) or a level within a subtree, paged by cursor. */
export function listRegions(params: ListRegionsParams, signal?: AbortSignal): Promise<RegionPage> {
  return api.get<RegionPage>('/regions', { ...params, includeRetired: params.includeRetired ? 'true' : undefined }, signal);
}

/** Every child of a region (a village has tens of grids at most, so paging through is cheap). */
export async function listAllChildren(parent: string, includeRetired: boolean, signal?: AbortSignal): Promise<RegionSummary[]> {
  const items: RegionSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await listRegions({ parent, includeRetired, cursor, limit: 500 }, signal);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

export const childrenQuery = (parent: string, includeRetired = false) =>
  queryOptions({
    queryKey: ['regions', 'children', parent, includeRetired],
    queryFn: ({ signal }) => listAllChildren(parent, includeRetired, signal),
    staleTime: 60_000,
  });

export function useChildren(parent: string | undefined, includeRetired = false) {
  return useQuery({ ...childrenQuery(parent ?? '', includeRetired), enabled: Boolean(parent) });
}

export function useRegionSearch(q: string | undefined) {
  const text = q?.trim() ?? '';
  return useQuery({
    queryKey: ['regions', 'search', text],
    queryFn: ({ signal }) => listRegions({ q: text, limit: 50 }, signal),
    enabled: text.length > 0,
    placeholderData: keepPreviousData,
  });
}
