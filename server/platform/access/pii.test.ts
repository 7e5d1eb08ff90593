import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blindIndex, decryptPii, encryptPii, hmacSha256, maskName, maskPhone } from './pii.ts';

describe('personal data at rest', () => {
  it('computes HMAC-SHA-256 exactly as the crypto module does, for keys shorter and longer than a block', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 150 }), fc.string({ unit: 'grapheme', maxLength: 80 }), (key, message) => {
        const k = Buffer.from(key);
        expect(hmacSha256(k, message).toString('hex')).toBe(createHmac('sha256', k).update(message).digest('hex'));
      }),
      { numRuns: 300 },
    );
  });

  it('matches the RFC 4231 test case 2 vector', () => {
    expect(hmacSha256(Buffer.from('Jefe'), 'what do ya want for nothing?').toString('hex')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('gives the same blind index for the same phone and key, another for another key', () => {
    const key = randomBytes(32);
    expect(blindIndex(key, '13800138000')).toBe(blindIndex(key, '13800138000'));
    expect(blindIndex(key, '13800138000')).not.toBe(blindIndex(key, '13800138001'));
    expect(blindIndex(randomBytes(32), '13800138000')).not.toBe(blindIndex(key, '13800138000'));
    expect(blindIndex(key, '13800138000')).toHaveLength(22);
  });

  it('encrypts to a different text every time and decrypts back; a changed text is refused', () => {
    const key = randomBytes(32);
    const texts = Array.from({ length: 50 }, () => encryptPii(key, '13800138000'));
    expect(new Set(texts).size).toBe(50);
    for (const text of texts) expect(decryptPii(key, text)).toBe('13800138000');
    const [version, iv, body, tag] = texts[0]!.split('.');
    const flipped = Buffer.from(body!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => decryptPii(key, [version, iv, flipped.toString('base64url'), tag].join('.'))).toThrow();
  });

  it('masks the middle of a phone number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('keeps only the first character of a name', () => {
    expect([maskName('王秀英'), maskName('李先生'), maskName('欧阳'), maskName('王'), maskName('Anna Schmidt')]).toEqual(['王**', '李**', '欧*', '*', 'A***********']);
    expect(maskName('𠀋小明')).toBe('𠀋**'); // a character outside the basic plane counts once
  });
});
