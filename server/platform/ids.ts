import { randomFillSync } from 'node:crypto';
import { uuidv7 } from 'uuidv7';

export function newId(): string {
  return uuidv7();
}

/**
 * Random bytes from a pool refilled 4 KiB at a time. Each call of `randomBytes` creates a native
 * job object for the garbage collector to finalise; a report takes several random values, so at a
 * thousand reports a second the pool keeps those objects out of every collection.
 */
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

export function randomBytesPooled(bytes: number): Buffer {
  if (bytes > pool.length) return randomFillSync(Buffer.alloc(bytes));
  if (poolOffset + bytes > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  // A copy: the pool's bytes are overwritten when it is refilled, and must never be handed out twice.
  const out = Buffer.from(pool.subarray(poolOffset, poolOffset + bytes));
  pool.fill(0, poolOffset, poolOffset + bytes);
  poolOffset += bytes;
  return out;
}

/** An unguessable token, URL-safe. */
export function newSecret(bytes = 32): string {
  return randomBytesPooled(bytes).toString('base64url');
}
