/** Where a case's dot goes in the pile: finished ones at the bottom, open ones above, overdue ones on top. */
export function drawRank(p: { status: string; overdue?: boolean }): number {
  if (p.status === 'closed' || p.status === 'rejected') return 0;
  return p.overdue ? 2 : 1;
}

/**
 * The features in drawing order. A year of closed cases outnumbers the open ones fifty to one;
 * drawn last, the open ones stay visible. Stable within a rank.
 */
export function inDrawingOrder<F extends { properties: { status: string; overdue?: boolean } }>(features: readonly F[]): F[] {
  return features
    .map((f, i) => ({ f, i, rank: drawRank(f.properties) }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map((x) => x.f);
}
