import { hash, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))));

const PARAMS = { N: 16384, r: 8, p: 1 };

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, 32, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(key, expected);
}

/** A password must be at least 8 characters and not all one kind of character. */
export function passwordProblem(password: string): string | null {
  if (password.length < 8) return '密码至少 8 位 Password must be at least 8 characters';
  if (password.length > 200) return '密码过长 Password is too long';
  if (/^(\d+|[a-z]+|[A-Z]+)$/.test(password)) return '密码需包含字母和数字等多种字符 Mix letters with digits or symbols';
  return null;
}

export function sha256(text: string): string {
  return hash('sha256', text);
}

export const API_TOKEN_PREFIX = 'gz_';

/**
 * Login throttling: after `maxFailures` failures within `windowMs` for the same key
 * (username, or client address), further attempts are refused until `lockMs` has passed.
 */
export interface ThrottleState {
  failures: number;
  firstFailureAt: number;
  lockedUntil: number;
}

export const THROTTLE = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

export function throttleCheck(state: ThrottleState | undefined, now: number): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
  if (state && state.lockedUntil > now) return { allowed: false, retryAfterSeconds: Math.ceil((state.lockedUntil - now) / 1000) };
  return { allowed: true };
}

export function throttleFailure(state: ThrottleState | undefined, now: number, limits = THROTTLE): ThrottleState {
  const fresh = !state || now - state.firstFailureAt > limits.windowMs;
  const failures = fresh ? 1 : state.failures + 1;
  return {
    failures,
    firstFailureAt: fresh ? now : state.firstFailureAt,
    lockedUntil: failures >= limits.maxFailures ? now + limits.lockMs : 0,
  };
}
