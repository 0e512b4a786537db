/**
 * The API client's retry policy on top of the shared HTTP rules (`../shared/retry.ts`): how many retries
 * by default, the longest server-requested wait it sits out, and which requests may be sent twice.
 */
import { isRetryableStatus, wasNotProcessed } from '../shared/retry.js';

/**
 * Retries after the first attempt unless `maxRetries` says otherwise: 2 (3 attempts in all), as in Telnyx's
 * SDKs.
 */
export const DEFAULT_MAX_RETRIES = 2;
/** A server-requested wait longer than this is not waited out: the error goes back to the caller. */
export const MAX_RETRY_AFTER_MS = 60_000;

/**
 * Which requests may be sent twice. `single-use` is for requests that spend something single-use (an
 * authorization code, a rotating refresh token): sent again after the server may have processed them,
 * they trip reuse detection, which revokes every token of the grant (RFC 6749 §4.1.2, RFC 9700 §4.14.2).
 * They are retried only when the server said it did not process them.
 */
export type RetryPolicy = 'default' | 'single-use';

/** Whether an answer with `status` may be retried under `policy` (an `x-should-retry` header decides first). */
export function isRetryableAnswer(
  status: number,
  headers: Headers,
  policy: RetryPolicy = 'default',
): boolean {
  if (policy === 'default' || headers.has('x-should-retry')) return isRetryableStatus(status, headers);
  return wasNotProcessed(status);
}

/** A connection error or timeout leaves unknown whether the server processed the request. */
export function isRetryableConnectionFailure(policy: RetryPolicy = 'default'): boolean {
  return policy === 'default';
}
