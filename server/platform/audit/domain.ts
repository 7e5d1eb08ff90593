import { hash } from 'node:crypto';

/** Pure rules of the audit chain: canonical JSON and the hash that links each entry to the last. */
export interface AuditEntryContent {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string;
  regionCode: string | null;
  before: unknown;
  after: unknown;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function entryHash(prevHash: string, entry: AuditEntryContent): string {
  // One-shot hash: no hash object per entry for the garbage collector to finalise.
  return hash('sha256', `${prevHash}\n${canonicalJson(entry)}`);
}

export interface StoredEntry extends AuditEntryContent {
  prevHash: string;
  hash: string;
}

export type ChainCheck = { ok: true; checked: number } | { ok: false; checked: number; brokenAt: number; reason: string };

/**
 * Walk entries in sequence order. An edited entry no longer matches its hash; a deleted one
 * leaves a gap in the sequence and a broken link. Feed entries one at a time with `check`.
 */
export function chainVerifier(start: { prevHash: string; seq: number } = { prevHash: GENESIS_HASH, seq: 0 }) {
  let prev = start.prevHash;
  let expectedSeq = start.seq + 1;
  let checked = 0;
  return {
    /** Returns the failure, or null while the chain holds. */
    check(entry: StoredEntry): ChainCheck | null {
      if (entry.seq !== expectedSeq) return { ok: false, checked, brokenAt: entry.seq, reason: `entry ${expectedSeq} is missing` };
      if (entry.prevHash !== prev) return { ok: false, checked, brokenAt: entry.seq, reason: 'link to the previous entry is broken' };
      const { prevHash: _prevHash, hash, ...content } = entry;
      if (entryHash(prev, content) !== hash) {
        return { ok: false, checked, brokenAt: entry.seq, reason: 'entry content does not match its hash' };
      }
      prev = hash;
      expectedSeq += 1;
      checked += 1;
      return null;
    },
    result(): ChainCheck {
      return { ok: true, checked };
    },
    /** The chain checked so far must end where its recorded head says it does. */
    end(head: { seq: number; hash: string }): ChainCheck {
      if (expectedSeq - 1 !== head.seq) return { ok: false, checked, brokenAt: expectedSeq, reason: `entry ${expectedSeq} is missing (the chain's head is entry ${head.seq})` };
      if (prev !== head.hash) return { ok: false, checked, brokenAt: head.seq, reason: "the last entry does not match the chain's head" };
      return { ok: true, checked };
    },
  };
}

export function verifyChain(entries: Iterable<StoredEntry>): ChainCheck {
  const verifier = chainVerifier();
  for (const entry of entries) {
    const failure = verifier.check(entry);
    if (failure) return failure;
  }
  return verifier.result();
}
