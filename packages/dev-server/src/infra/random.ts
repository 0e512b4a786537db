import { randomBytes, randomUUID } from 'node:crypto';

/** 256 bits of randomness, base64url: codes, refresh tokens, consent tokens, secrets. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

export function randomId(): string {
  return randomUUID();
}
