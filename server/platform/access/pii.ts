import { createCipheriv, createDecipheriv, hash } from 'node:crypto';
import { randomBytesPooled } from '../ids.ts';

/** Personal data (phones, ID-card numbers) is encrypted at rest with AES-256-GCM. */
export function encryptPii(key: Buffer, plain: string): string {
  const iv = randomBytesPooled(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `v1.${iv.toString('base64url')}.${body.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}`;
}

export function decryptPii(key: Buffer, stored: string): string {
  const [version, iv, body, tag] = stored.split('.');
  if (version !== 'v1' || !iv || !body || !tag) throw new Error('unreadable encrypted value');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

/** A keyed hash so an encrypted value can still be looked up by equality. */
export function blindIndex(key: Buffer, plain: string): string {
  return hmacSha256(key, plain).toString('base64url').slice(0, 22);
}

const SHA256_BLOCK = 64;
const hmacPads = new WeakMap<Buffer, { inner: Buffer; outer: Buffer }>();

/**
 * HMAC-SHA-256 (RFC 2104) from two one-shot hashes, equal to `createHmac('sha256', key)`: an Hmac
 * object per call is a native object the garbage collector must finalise, and a blind index is
 * computed for every report that gives a phone. The padded keys are worked out once per key.
 */
export function hmacSha256(key: Buffer, message: string): Buffer {
  let pads = hmacPads.get(key);
  if (!pads) {
    const block = Buffer.alloc(SHA256_BLOCK);
    (key.length > SHA256_BLOCK ? hash('sha256', key, 'buffer') : key).copy(block);
    pads = { inner: Buffer.from(block.map((b) => b ^ 0x36)), outer: Buffer.from(block.map((b) => b ^ 0x5c)) };
    hmacPads.set(key, pads);
  }
  const inner = hash('sha256', Buffer.concat([pads.inner, Buffer.from(message, 'utf8')]), 'buffer');
  return hash('sha256', Buffer.concat([pads.outer, inner]), 'buffer');
}

/** Mainland mobile numbers: 11 digits starting with 1. Landlines with area code are accepted too. */
export function isValidPhone(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(phone) || /^0\d{2,3}-?\d{7,8}$/.test(phone);
}

/**
 * A phone number as people write it, made comparable: spaces and brackets go, a country code
 * (+86, 0086) goes, and a mobile number loses its hyphens (138-0000-0000); a landline keeps the
 * one after its area code (028-83456789).
 */
export function normalisePhone(phone: string): string {
  const text = phone.trim().replace(/[\s()（）]/g, '').replace(/^(?:\+|00)86-?/, '');
  return /^1[\d-]+$/.test(text) ? text.replace(/-/g, '') : text;
}

/** 13812345678 → 138****5678 */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

/** 王小明 → 王**, Li Wei → L*****: the first character stays, so a caller can be told apart, not named. */
export function maskName(name: string): string {
  const chars = Array.from(name);
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643 resident ID number: 18 characters with a mod-11 check character. */
export function isValidIdCard(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  return ID_CHECK[sum % 11] === id[17];
}

export function maskIdCard(id: string): string {
  return `${id.slice(0, 6)}********${id.slice(-4)}`;
}
