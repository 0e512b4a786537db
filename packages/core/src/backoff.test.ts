import { describe, expect, it } from 'vitest';
import { parseRetryAfter, retryDelay } from './backoff.js';

describe('backoff', () => {
  it('reads Retry-After as seconds or as an HTTP date (RFC 9110 §10.2.3)', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('prefers Retry-After, else doubles from 1 s with at most 25 % jitter', () => {
    expect(retryDelay(3, 500)).toBe(500);
    expect(retryDelay(0, undefined, () => 0)).toBe(1000);
    expect(retryDelay(1, undefined, () => 0)).toBe(2000);
    expect(retryDelay(2, undefined, () => 0.999)).toBeLessThanOrEqual(5000);
  });
});
