import { describe, expect, it } from 'vitest';
import { canonicalJson, chainVerifier, entryHash, GENESIS_HASH, verifyChain, type AuditEntryContent, type StoredEntry } from './domain.ts';

function chain(n: number): StoredEntry[] {
  const entries: StoredEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const content: AuditEntryContent = {
      seq,
      at: `2026-11-28T00:00:0${seq % 10}.000Z`,
      actorId: 'u1',
      actorName: 'admin',
      action: 'region.update',
      entity: 'region',
      entityId: `5101130020010${seq}`,
      regionCode: null,
      before: { name: `old ${seq}` },
      after: { name: `new ${seq}`, tags: ['a', 'b'] },
    };
    const hash = entryHash(prev, content);
    entries.push({ ...content, prevHash: prev, hash });
    prev = hash;
  }
  return entries;
}

describe('audit chain', () => {
  it('verifies an untouched chain', () => {
    expect(verifyChain(chain(5))).toEqual({ ok: true, checked: 5 });
  });

  it('detects an edited entry', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, after: { name: 'forged' } };
    expect(verifyChain(entries)).toMatchObject({ ok: false, brokenAt: 3, reason: expect.stringContaining('hash') });
  });

  it('detects a deleted entry', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(verifyChain(entries)).toMatchObject({ ok: false, brokenAt: 3, reason: expect.stringContaining('missing') });
  });

  it('detects an entry rewritten together with its own hash', () => {
    const entries = chain(4);
    const forged = { ...entries[1]!, actorName: 'someone else' };
    const { prevHash, hash: _hash, ...content } = forged;
    entries[1] = { ...forged, hash: entryHash(prevHash, content) };
    // The next entry still links to the original hash.
    expect(verifyChain(entries)).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it('checks that the chain ends at its recorded head', () => {
    const entries = chain(5);
    const run = (upTo: number, head: { seq: number; hash: string }) => {
      const verifier = chainVerifier();
      for (const entry of entries.slice(0, upTo)) expect(verifier.check(entry)).toBeNull();
      return verifier.end(head);
    };
    const head = { seq: 5, hash: entries[4]!.hash };
    expect(run(5, head)).toEqual({ ok: true, checked: 5 });
    expect(run(3, head)).toMatchObject({ ok: false, brokenAt: 4, reason: expect.stringContaining('missing') });
    expect(run(5, { seq: 5, hash: GENESIS_HASH })).toMatchObject({ ok: false, brokenAt: 5 });
    expect(run(0, { seq: 0, hash: GENESIS_HASH })).toEqual({ ok: true, checked: 0 });
  });

  it('hashes content independently of key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
  });
});
