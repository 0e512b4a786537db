/**
 * When to retry and how long to wait, as Telnyx's generated SDKs do: connection errors, timeouts, 408,
 * 409, 429 and 5xx are retried; an `x-should-retry` header from the server overrides that choice; the delay
 * comes from `retry-after-ms`, else `retry-after` (RFC 9110 §10.2.3: seconds or an HTTP date), else
 * exponential backoff from 0.5 s doubling to 8 s, minus up to 25 % jitter so clients don't retry in step.
 */

export const DEFAULT_MAX_RETRIES = 2;
const INITIAL_RETRY_DELAY_MS = 500;
const MAX_RETRY_DELAY_MS = 8_000;
/** A server-requested wait longer than this is not waited out: the error goes back to the caller. */
export const MAX_RETRY_AFTER_MS = 60_000;

/**
 * Which requests may be sent twice. `single-use` is for requests that spend something single-use (an
 * authorization code, a rotating refresh token): sent again after the server may have processed them,
 * they trip reuse detection, which revokes every token of the grant (RFC 6749 §4.1.2, RFC 9700 §4.14.2).
 * They are retried only when the server said it did not process them.
 */
export type RetryPolicy = 'default' | 'single-use';

export function isRetryableStatus(
  status: number,
  headers: Headers,
  policy: RetryPolicy = 'default',
): boolean {
  const override = headers.get('x-should-retry');
  if (override === 'true') return true;
  if (override === 'false') return false;
  if (policy === 'single-use') return status === 408 || status === 429 || status === 503;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** A connection error or timeout leaves unknown whether the server processed the request. */
export function isRetryableConnectionFailure(policy: RetryPolicy = 'default'): boolean {
  return policy === 'default';
}

/**
 * The wait the server asked for, in ms: undefined when it asked for nothing readable.
 * `now` is injectable so HTTP-date arithmetic is testable.
 */
export function serverRequestedDelay(
  headers: Headers | undefined,
  now: number = Date.now(),
): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '') {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const after = headers.get('retry-after');
  if (after !== null && after.trim() !== '') {
    const seconds = Number(after);
    if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
    const date = Date.parse(after);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  return undefined;
}

/** Backoff before retry number `retryIndex` (0 for the first retry). `random` in [0, 1). */
export function backoffDelay(retryIndex: number, random: number = Math.random()): number {
  const base = Math.min(INITIAL_RETRY_DELAY_MS * 2 ** retryIndex, MAX_RETRY_DELAY_MS);
  return base * (1 - random * 0.25);
}

/** The `sleep` used between attempts; rejects with the signal's reason when aborted. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
