/** Money is integer fen (CNY) or cents (USD). Never floats. */
export type Fen = number;

export function assertFen(value: number, what = 'amount'): Fen {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be a whole number of fen`);
  return value;
}

/** 12345 → "123.45" */
export function formatFen(fen: Fen): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** "123.45" | "123" → 12345. Rejects more than two decimals. */
export function parseYuan(text: string): Fen {
  const match = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) throw new RangeError(`"${text}" is not an amount in yuan`);
  const fen = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  return assertFen(match[1] ? -fen : fen);
}

/**
 * Split `total` fen by integer weights with the largest-remainder method, so the parts always
 * add up to the total exactly. Ties go to the earlier entry.
 */
export function allocateByWeights(total: Fen, weights: readonly number[]): Fen[] {
  assertFen(total, 'total');
  const sum = weights.reduce((a, b) => a + b, 0);
  if (weights.some((w) => w < 0 || !Number.isFinite(w))) throw new RangeError('weights must be non-negative');
  if (sum === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map((x) => Math.floor(x));
  let rest = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (rest <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    rest -= 1;
  }
  return parts;
}
