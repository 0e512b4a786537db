/**
 * The API client's retry policy on top of the shared HTTP rules (`../shared/retry.ts`, where which answers
 * and which requests may be retried is written): the longest server-requested wait it sits out.
 */
export {
  DEFAULT_MAX_RETRIES,
  isRetryableAnswer,
  isRetryableConnectionFailure,
  type RetryPolicy,
} from '../shared/retry.js';

/** A server-requested wait longer than this is not waited out: the error goes back to the caller. */
export const MAX_RETRY_AFTER_MS = 60_000;
