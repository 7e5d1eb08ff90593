import { useQueries, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { childrenQuery } from '../api/list-regions.ts';
import { regionQuery } from '../api/get-region.ts';
import type { RegionSummary } from '../types.ts';

export interface RegionTreeNode {
  key: string;
  region: RegionSummary;
  isLeaf: boolean;
  /** Undefined until loaded, so the tree asks for them when the node opens. */
  children?: RegionTreeNode[];
}

/**
 * A region tree that loads children only when a node opens (`?parent=`), rooted at the user's
 * scope roots. Children are TanStack queries, so any write that invalidates `['regions']`
 * refreshes every open branch.
 */
export function useLazyRegionTree(rootCodes: readonly string[], options: { includeRetired?: boolean } = {}) {
  const includeRetired = options.includeRetired ?? false;
  const client = useQueryClient();
  const [loaded, setLoaded] = useState<readonly string[]>([]);

  const roots = useQueries({
    queries: rootCodes.map((code) => regionQuery(code)),
    combine: (results) => ({
      regions: results.flatMap((r) => (r.data ? [r.data as RegionSummary] : [])),
      isPending: results.some((r) => r.isPending),
      error: results.find((r) => r.error)?.error ?? null,
    }),
  });

  const children = useQueries({
    queries: loaded.map((code) => childrenQuery(code, includeRetired)),
    combine: (results) => {
      const map = new Map<string, RegionSummary[]>();
      results.forEach((r, i) => {
        const code = loaded[i];
        if (code && r.data) map.set(code, r.data);
      });
      return map;
    },
  });

  const load = useCallback(
    async (code: string) => {
      await client.query(childrenQuery(code, includeRetired));
      setLoaded((previous) => (previous.includes(code) ? previous : [...previous, code]));
    },
    [client, includeRetired],
  );

  /** Open the branches down to a region (a deep link, a search hit); returns the codes to expand. */
  const reveal = useCallback(
    async (code: string): Promise<string[]> => {
      const detail = await client.query(regionQuery(code));
      const rootPaths = roots.regions.map((r) => r.path);
      const chain = [...detail.ancestors, detail].filter((r) => rootPaths.some((p) => r.path.startsWith(p)));
      const parents = chain.slice(0, -1).map((r) => r.code);
      await Promise.all(parents.map(load));
      return parents;
    },
    [client, roots.regions, load],
  );

  const tree = useMemo(() => {
    const mayHaveRetired = (r: RegionSummary) => includeRetired && (r.level === 'village' || r.level === 'grid');
    const build = (region: RegionSummary, seen: Set<string>): RegionTreeNode => {
      const kids = children.get(region.code);
      const next = new Set(seen).add(region.code);
      return {
        key: region.code,
        region,
        isLeaf: kids ? kids.length === 0 : (region.childCount ?? 0) === 0 && !mayHaveRetired(region),
        children: kids?.filter((k) => !seen.has(k.code)).map((k) => build(k, next)),
      };
    };
    return roots.regions.map((r) => build(r, new Set()));
  }, [roots.regions, children, includeRetired]);

  return { tree, load, reveal, isPending: roots.isPending, error: roots.error };
}
