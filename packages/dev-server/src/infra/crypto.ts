import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/** 256 bits of randomness, base64url: codes, refresh tokens, consent tokens, secrets. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A random UUID (v4): record ids. */
export function randomId(): string {
  return randomUUID();
}

/** Compares secrets without leaking through timing how much of a guess was right. */
export function constantTimeEqual(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
