import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  backoffDelay,
  isRetryableAnswer,
  isRetryableConnectionFailure,
  isRetryableStatus,
  PER_CALL_BACKOFF,
  retryAfterMs,
  sleep,
  wasNotProcessed,
} from './retry.js';

describe('isRetryableStatus', () => {
  it.each([408, 409, 429, 500, 502, 503, 504])('retries %i', (status) => {
    expect(isRetryableStatus(status, new Headers())).toBe(true);
  });

  it.each([400, 401, 403, 404, 422])('does not retry %i', (status) => {
    expect(isRetryableStatus(status, new Headers())).toBe(false);
  });

  it('reads the status alone when there are no headers', () => {
    expect(isRetryableStatus(503)).toBe(true);
    expect(isRetryableStatus(400, null)).toBe(false);
  });

  it('lets x-should-retry override the status rule both ways', () => {
    expect(isRetryableStatus(400, new Headers({ 'x-should-retry': 'true' }))).toBe(true);
    expect(isRetryableStatus(503, new Headers({ 'x-should-retry': 'false' }))).toBe(false);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('prefers retry-after-ms over retry-after', () => {
    const headers = new Headers({ 'retry-after-ms': '250', 'retry-after': '9' });
    expect(retryAfterMs(headers, now)).toBe(250);
  });

  it('reads retry-after as seconds', () => {
    expect(retryAfterMs(new Headers({ 'retry-after': '3' }), now)).toBe(3000);
    expect(retryAfterMs(new Headers({ 'retry-after': '0.5' }), now)).toBe(500);
  });

  it('reads retry-after as an HTTP date relative to now', () => {
    const headers = new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:07 GMT' });
    expect(retryAfterMs(headers, now)).toBe(7000);
  });

  it('treats a date in the past as no wait', () => {
    const headers = new Headers({ 'retry-after': 'Wed, 31 Dec 2025 23:59:00 GMT' });
    expect(retryAfterMs(headers, now)).toBe(0);
  });

  it('reads the headers the sign-in runtime used to read alone: plain seconds, and no headers at all', () => {
    expect(retryAfterMs(new Headers({ 'retry-after': ' 3 ' }), now)).toBe(3000);
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs(new Headers({ 'retry-after': '-1' }), now)).toBeUndefined();
  });

  it('ignores unreadable values', () => {
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(retryAfterMs(new Headers({ 'retry-after-ms': 'x' }), now)).toBeUndefined();
    expect(retryAfterMs(new Headers(), now)).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  it('follows the curve it is given', () => {
    const slow = { initialMs: 30_000, maxMs: 300_000 };
    expect([0, 1, 2, 3, 4].map((n) => backoffDelay(n, slow, 0))).toEqual([
      30_000, 60_000, 120_000, 240_000, 300_000,
    ]);
  });

  it('doubles from 0.5 s and caps at 8 s', () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((n) => backoffDelay(n, PER_CALL_BACKOFF, 0))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
  });

  it('takes off at most 25 % as jitter', () => {
    expect(backoffDelay(0, PER_CALL_BACKOFF, 0.999999)).toBeGreaterThan(375);
    expect(backoffDelay(0, PER_CALL_BACKOFF, 0.999999)).toBeLessThanOrEqual(500);
    expect(backoffDelay(3, PER_CALL_BACKOFF, 0.5)).toBe(3500);
  });
});

describe('sleep', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('resolves after the delay, not before', async () => {
    vi.useFakeTimers();
    let done = false;
    const sleeping = sleep(1000).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await sleeping;
    expect(done).toBe(true);
  });

  it('rejects with the abort reason as soon as the signal aborts, and leaves no timer behind', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const sleeping = sleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
    expect(vi.getTimerCount()).toBe(0);
    await expect(sleep(10, controller.signal)).rejects.toThrow('stop');
  });
});

describe('wasNotProcessed', () => {
  it('is true only for the answers that say the request was not acted on', () => {
    expect([408, 429, 503].every(wasNotProcessed)).toBe(true);
    expect([400, 409, 500, 502, 504].some(wasNotProcessed)).toBe(false);
  });
});

describe('isRetryableAnswer', () => {
  const should = (value: string): Headers => new Headers({ 'x-should-retry': value });

  it('follows the status rule under the default policy, and never retries a 2xx', () => {
    expect(isRetryableAnswer(500, new Headers())).toBe(true);
    expect(isRetryableAnswer(400, new Headers())).toBe(false);
    expect(isRetryableAnswer(200, should('true'))).toBe(false);
  });

  it('retries a single-use request only when the server did not process it, or says so', () => {
    expect(isRetryableAnswer(503, new Headers(), 'single-use')).toBe(true);
    expect(isRetryableAnswer(500, new Headers(), 'single-use')).toBe(false);
    expect(isRetryableAnswer(500, should('true'), 'single-use')).toBe(true);
    expect(isRetryableAnswer(429, should('false'), 'single-use')).toBe(false);
  });

  it('retries a connection failure under the default policy only', () => {
    expect(isRetryableConnectionFailure()).toBe(true);
    expect(isRetryableConnectionFailure('single-use')).toBe(false);
  });
});
