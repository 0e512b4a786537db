/**
 * When a failed HTTP request may be tried again, and how long to wait first. One set of rules for every
 * caller: the sign-in runtime (refresh, discovery), the API client, and the token handler on the server.
 * Dependency-free: it runs in browsers, workers, Node, Deno and Bun.
 */

/**
 * True for statuses that say "the server is there but cannot answer now": 408, 409 (a conflicting
 * concurrent change, as Telnyx's SDKs treat it), 429 and every 5xx. A server's `x-should-retry: true|false`
 * header overrides the status, as in Telnyx's SDKs.
 *
 * @see RFC 9110 §15.5.9 (408), §15.6 (5xx); RFC 6585 §4 (429)
 */
export function isRetryableStatus(status: number, headers?: Headers | null): boolean {
  const override = headers?.get('x-should-retry');
  if (override === 'true') return true;
  if (override === 'false') return false;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * True for the statuses that say the server did NOT process the request: 408 (it timed out waiting for
 * it), 429 (refused by a rate limit) and 503 (unavailable). Only these make it safe to resend a request
 * that spends something single-use (an authorization code, a rotating refresh token): resent after the
 * server may have acted on it, it trips reuse detection, which revokes every token of the grant.
 *
 * @see RFC 9110 §15.5.9, §15.6.4; RFC 6585 §4; RFC 9700 §4.14.2
 */
export function wasNotProcessed(status: number): boolean {
  return status === 408 || status === 429 || status === 503;
}

/**
 * The wait a server asked for, in ms, or undefined when it asked for nothing readable: `retry-after-ms`
 * (Telnyx's SDK extension) first, else `Retry-After` as delay-seconds (fractions accepted) or an HTTP-date
 * (measured against `now`, never negative). Callers cap it: a server (or a skewed clock) asking for an
 * hour must not stop a client for an hour.
 *
 * @see RFC 9110 §10.2.3
 */
export function retryAfterMs(
  headers: Headers | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms')?.trim();
  if (ms) {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const after = headers.get('retry-after')?.trim();
  if (!after) return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(after);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/** A backoff curve: the first delay, and the ceiling it doubles up to. */
export interface BackoffCurve {
  /** The delay before the first retry, in ms (before jitter). */
  readonly initialMs: number;
  /** The ceiling the doubling stops at, in ms (before jitter). */
  readonly maxMs: number;
}

/**
 * Retries of one call (an API request, a refresh): 0.5 s doubling to 8 s, as Telnyx's SDKs wait. A caller
 * is waiting on these, so they are short; what is still failing after them is left to a later call.
 */
export const PER_CALL_BACKOFF: BackoffCurve = { initialMs: 500, maxMs: 8_000 };

/**
 * Delay before retry number `retryIndex` (0 for the first retry): the curve's delay doubled per retry, up
 * to its ceiling, minus up to 25 % random jitter so many clients (or tabs) do not retry in lock-step.
 */
export function backoffDelay(
  retryIndex: number,
  curve: BackoffCurve = PER_CALL_BACKOFF,
  random: number = Math.random(),
): number {
  const base = Math.min(curve.initialMs * 2 ** Math.max(0, retryIndex), curve.maxMs);
  return base * (1 - random * 0.25);
}

/** Resolves after `ms` (setTimeout, so fake timers control it); rejects with the signal's reason on abort. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
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

/**
 * Retries after the first attempt unless a caller's `maxRetries` says otherwise: 2 (3 attempts in all), as
 * in Telnyx's SDKs.
 */
export const DEFAULT_MAX_RETRIES = 2;

/**
 * Which requests may be sent twice. `single-use` is for requests that spend something single-use (an
 * authorization code, a rotating refresh token): sent again after the server may have processed them,
 * they trip reuse detection, which revokes every token of the grant (RFC 6749 §4.1.2, RFC 9700 §4.14.2).
 * They are retried only when the server said it did not process them. `default` is for everything else.
 */
export type RetryPolicy = 'default' | 'single-use';

/**
 * Whether an answer with `status` may be retried under `policy`. A 2xx never is; otherwise an
 * `x-should-retry` header decides first, under either policy; without one, `default` follows
 * {@link isRetryableStatus} and `single-use` {@link wasNotProcessed}.
 */
export function isRetryableAnswer(
  status: number,
  headers: Headers,
  policy: RetryPolicy = 'default',
): boolean {
  if (status >= 200 && status < 300) return false;
  if (policy === 'default' || headers.has('x-should-retry')) return isRetryableStatus(status, headers);
  return wasNotProcessed(status);
}

/**
 * Whether a connection error or a timeout may be retried under `policy`: it leaves unknown whether the
 * server processed the request, so only a `default` request is sent again.
 */
export function isRetryableConnectionFailure(policy: RetryPolicy = 'default'): boolean {
  return policy === 'default';
}
