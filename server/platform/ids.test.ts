import { describe, expect, it } from 'vitest';
import { newSecret, randomBytesPooled } from './ids.ts';

describe('random values', () => {
  it('hands out the asked number of bytes, never the same bytes twice, across pool refills', () => {
    const seen = new Set<string>();
    // 3,000 × 12 bytes passes the 4 KiB pool's refill several times, with requests across its end.
    for (let i = 0; i < 3000; i++) {
      const bytes = randomBytesPooled(12);
      expect(bytes).toHaveLength(12);
      seen.add(bytes.toString('hex'));
    }
    expect(seen.size).toBe(3000);
  });

  it('keeps what it handed out when the pool is refilled', () => {
    const first = randomBytesPooled(16);
    const copy = Buffer.from(first);
    for (let i = 0; i < 600; i++) randomBytesPooled(16);
    expect(first.equals(copy)).toBe(true);
  });

  it('serves requests larger than the pool', () => {
    const big = randomBytesPooled(10_000);
    expect(big).toHaveLength(10_000);
    expect(new Set(big).size).toBeGreaterThan(200);
  });

  it('makes URL-safe secrets of the asked strength', () => {
    const secret = newSecret(18);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(newSecret()).toHaveLength(43);
  });
});
