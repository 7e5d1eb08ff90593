import { keepPreviousData, useQueries } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { childrenQuery, listRegions } from '../api/list-regions.ts';
import type { Level, RegionPage, RegionSummary } from '../types.ts';

export const LEVEL_DEPTH: Record<Level, number> = { province: 0, city: 1, district: 2, town: 3, village: 4, grid: 5, micro_grid: 6 };
const LEVELS = Object.keys(LEVEL_DEPTH) as Level[];

/** The server caps `q` at 40 characters. */
const MAX_QUERY = 40;
/** Hits asked for per request (one request per scope root, and per level when the levels are limited). */
const PAGE = 30;
/** Ancestors named beside a hit: the nearest two below the picker's root, e.g. 怡湖社区 › 怡湖第一网格. */
const ANCESTRY_DEPTH = 2;

export interface PickerRules {
  maxLevel?: Level;
  onlyLevel?: Level;
}

/** Whether a region may be chosen in a picker with these rules (the tree's rules too). */
export function choosable(level: Level, rules: PickerRules): boolean {
  if (rules.onlyLevel !== undefined && level !== rules.onlyLevel) return false;
  return rules.maxLevel === undefined || LEVEL_DEPTH[level] <= LEVEL_DEPTH[rules.maxLevel];
}

export interface PickerHit {
  region: RegionSummary;
  /** Names of the nearest ancestors below the root, root side first; undefined while they load. */
  ancestry: string[] | undefined;
}

/** `value`, once it has stopped changing for `delay` ms. */
export function useDebounced<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

function codesInPath(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/**
 * Server-side search for the region picker: `GET /regions?q=` within each scope root, limited to
 * the levels the picker lets one choose (one request per level when that is a subset, so deep
 * grids cannot crowd out the villages one may pick). Each hit carries its ancestors' names, read
 * from the (cached) children lists of the branches it lies in.
 */
export function useRegionPickerSearch(text: string, roots: readonly RegionSummary[], { maxLevel, onlyLevel }: PickerRules) {
  const rules = useMemo(() => ({ maxLevel, onlyLevel }), [maxLevel, onlyLevel]);
  const q = text.trim().slice(0, MAX_QUERY);
  const enabled = q.length > 0 && roots.length > 0;
  const top = roots.length === 0 ? 0 : Math.min(...roots.map((r) => LEVEL_DEPTH[r.level]));
  const below = LEVELS.filter((l) => LEVEL_DEPTH[l] >= top);
  const wanted = below.filter((l) => choosable(l, rules));
  // Every level from the root down: no level filter needed.
  const levels: (Level | undefined)[] = wanted.length === below.length ? [undefined] : wanted;

  const pages = useQueries({
    queries: enabled
      ? roots.flatMap((root) =>
          levels.map((level) => ({
            queryKey: ['regions', 'picker-search', q, root.code, level ?? 'any'],
            queryFn: ({ signal }: { signal: AbortSignal }) => listRegions({ q, within: root.code, level, limit: PAGE }, signal),
            staleTime: 30_000,
            placeholderData: keepPreviousData,
          })),
        )
      : [],
    combine: (results) => ({
      pages: results.flatMap((r) => (r.data ? [r.data as RegionPage] : [])),
      isFetching: results.some((r) => r.isFetching),
      isPending: results.some((r) => r.isPending),
      error: results.find((r) => r.error)?.error ?? null,
    }),
  });

  const rootCodes = useMemo(() => new Set(roots.map((r) => r.code)), [roots]);

  const found = useMemo(() => {
    const seen = new Map<string, { region: RegionSummary; ancestors: string[] }>();
    for (const page of pages.pages) {
      for (const region of page.items) {
        if (seen.has(region.code) || !choosable(region.level, rules)) continue;
        const codes = codesInPath(region.path);
        // Below the deepest root the hit lies in (roots may nest), excluding the hit itself.
        const rootAt = codes.findLastIndex((c) => rootCodes.has(c));
        if (rootAt < 0) continue;
        seen.set(region.code, { region, ancestors: codes.slice(rootAt + 1, -1).slice(-ANCESTRY_DEPTH) });
      }
    }
    return [...seen.values()].sort((a, b) => LEVEL_DEPTH[a.region.level] - LEVEL_DEPTH[b.region.level] || a.region.code.localeCompare(b.region.code));
  }, [pages.pages, rootCodes, rules]);

  // An ancestor's name comes from its parent's children list, which the tree shares.
  const parentOf = useMemo(() => {
    const map = new Map<string, string>();
    for (const f of found) {
      const codes = codesInPath(f.region.path);
      for (const a of f.ancestors) {
        const i = codes.indexOf(a);
        if (i > 0) map.set(a, codes[i - 1]!);
      }
    }
    return map;
  }, [found]);
  const parents = useMemo(() => [...new Set(parentOf.values())], [parentOf]);

  const names = useQueries({
    queries: parents.map((p) => childrenQuery(p)),
    combine: (results) => {
      const map = new Map<string, string>();
      const loading = new Set<string>();
      results.forEach((r, i) => {
        if (r.data) for (const c of r.data) map.set(c.code, c.shortName || c.name);
        else if (r.isPending) loading.add(parents[i]!);
      });
      return { map, loading };
    },
  });

  const hits = useMemo<PickerHit[]>(
    () =>
      found.map(({ region, ancestors }) => ({
        region,
        ancestry: ancestors.some((a) => names.loading.has(parentOf.get(a) ?? '')) ? undefined : ancestors.map((a) => names.map.get(a) ?? a),
      })),
    [found, names, parentOf],
  );

  return {
    hits: enabled ? hits : [],
    /** Some request stopped at its page size: there are more hits than shown. */
    more: enabled && pages.pages.some((p) => p.nextCursor !== null),
    isFetching: enabled && (pages.isFetching || pages.isPending),
    error: enabled ? pages.error : null,
  };
}
