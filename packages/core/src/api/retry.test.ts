import { afterEach, describe, expect, it, vi } from 'vitest';
import { abortableSleep, backoffDelay, isRetryableStatus, serverRequestedDelay } from './retry.js';

describe('isRetryableStatus', () => {
  it.each([408, 409, 429, 500, 502, 503, 504])('retries %i', (status) => {
    expect(isRetryableStatus(status, new Headers())).toBe(true);
  });

  it.each([400, 401, 403, 404, 422])('does not retry %i', (status) => {
    expect(isRetryableStatus(status, new Headers())).toBe(false);
  });

  it('lets x-should-retry override the status rule both ways', () => {
    expect(isRetryableStatus(400, new Headers({ 'x-should-retry': 'true' }))).toBe(true);
    expect(isRetryableStatus(503, new Headers({ 'x-should-retry': 'false' }))).toBe(false);
  });
});

describe('serverRequestedDelay', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('prefers retry-after-ms over retry-after', () => {
    const headers = new Headers({ 'retry-after-ms': '250', 'retry-after': '9' });
    expect(serverRequestedDelay(headers, now)).toBe(250);
  });

  it('reads retry-after as seconds', () => {
    expect(serverRequestedDelay(new Headers({ 'retry-after': '3' }), now)).toBe(3000);
    expect(serverRequestedDelay(new Headers({ 'retry-after': '0.5' }), now)).toBe(500);
  });

  it('reads retry-after as an HTTP date relative to now', () => {
    const headers = new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:07 GMT' });
    expect(serverRequestedDelay(headers, now)).toBe(7000);
  });

  it('treats a date in the past as no wait', () => {
    const headers = new Headers({ 'retry-after': 'Wed, 31 Dec 2025 23:59:00 GMT' });
    expect(serverRequestedDelay(headers, now)).toBe(0);
  });

  it('ignores unreadable values', () => {
    expect(serverRequestedDelay(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(serverRequestedDelay(new Headers({ 'retry-after-ms': 'x' }), now)).toBeUndefined();
    expect(serverRequestedDelay(new Headers(), now)).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  it('doubles from 0.5 s and caps at 8 s', () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((n) => backoffDelay(n, 0))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
  });

  it('takes off at most 25 % as jitter', () => {
    expect(backoffDelay(0, 0.999999)).toBeGreaterThan(375);
    expect(backoffDelay(0, 0.999999)).toBeLessThanOrEqual(500);
    expect(backoffDelay(3, 0.5)).toBe(3500);
  });
});

describe('abortableSleep (the default wait)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('resolves after the delay, not before', async () => {
    vi.useFakeTimers();
    let done = false;
    const sleeping = abortableSleep(1000).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await sleeping;
    expect(done).toBe(true);
  });

  it('rejects with the abort reason as soon as the signal aborts, and leaves no timer behind', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const sleeping = abortableSleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
    expect(vi.getTimerCount()).toBe(0);
    await expect(abortableSleep(10, controller.signal)).rejects.toThrow('stop');
  });
});
