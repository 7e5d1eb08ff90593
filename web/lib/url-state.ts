import { useCallback, useMemo } from 'react';
import { useLocation, useSearchParams } from 'react-router';

type Patch<K extends string> = Partial<Record<K, string | number | null | undefined>>;

/**
 * Filters and paging live in the URL, so a page can be bookmarked, shared and reloaded.
 * `update` merges a patch; empty values drop the parameter.
 */
export function useUrlParams<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const signature = keys.map((k) => `${k}=${params.get(k) ?? ''}`).join('&');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `signature` captures exactly the values read
  const values = useMemo(() => Object.fromEntries(keys.map((k) => [k, params.get(k) ?? undefined])) as Record<K, string | undefined>, [signature]);
  const update = useCallback(
    (patch: Patch<K>, options?: { replace?: boolean; state?: unknown }) => {
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(patch) as [K, string | number | null | undefined][]) {
            if (value === undefined || value === null || value === '') next.delete(key);
            else next.set(key, String(value));
          }
          return next;
        },
        { replace: options?.replace, state: options?.state },
      );
    },
    [setParams],
  );
  return [values, update] as const;
}

interface CursorState {
  cursors?: string[];
}

/**
 * Keyset paging (`?cursor=`) with a way back: the cursors already passed ride in the history
 * entry's state, so "previous" works, and so does the browser's back button.
 */
export function useCursorPaging() {
  const [{ cursor }, update] = useUrlParams(['cursor'] as const);
  const location = useLocation();
  const stack = useMemo(() => (location.state as CursorState | null)?.cursors ?? [], [location.state]);
  const next = useCallback((nextCursor: string) => update({ cursor: nextCursor }, { state: { cursors: [...stack, cursor ?? ''] } }), [update, stack, cursor]);
  const previous = useCallback(() => {
    const rest = stack.slice(0, -1);
    update({ cursor: stack[stack.length - 1] ?? null }, { state: { cursors: rest } });
  }, [update, stack]);
  const first = useCallback(() => update({ cursor: null }, { state: { cursors: [] } }), [update]);
  return { cursor, hasPrevious: stack.length > 0, isFirst: !cursor, next, previous, first };
}
