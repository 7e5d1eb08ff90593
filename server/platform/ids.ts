import { randomBytes } from 'node:crypto';
import { uuidv7 } from 'uuidv7';

export function newId(): string {
  return uuidv7();
}

/** An unguessable token, URL-safe. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
