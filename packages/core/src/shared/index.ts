/**
 * `@telnyx-oauth/core/shared`: the HTTP rules every part of telnyx-oauth follows, written once and free of
 * dependencies (no oauth4webapi, no idb-keyval, no browser globals at import): which answers are worth
 * retrying and after how long, request deadlines, Bearer challenges, loopback hosts, and the HTTP contract
 * between the browser and a token handler. The sign-in runtime,
 * the API client (`@telnyx-oauth/core/api`) and the token handler (`@telnyx-oauth/token-handler`) import
 * them from here.
 *
 * @packageDocumentation
 */
export {
  backoffDelay,
  DEFAULT_MAX_RETRIES,
  isRetryableAnswer,
  isRetryableConnectionFailure,
  isRetryableStatus,
  PER_CALL_BACKOFF,
  retryAfterMs,
  wasNotProcessed,
  sleep,
  type BackoffCurve,
  type RetryPolicy,
} from './retry.js';
export { deadline, type Deadline } from './timeout.js';
export { classifyUnauthorized, parseBearerChallenge, type BearerChallenge } from './bearer-challenge.js';
export { isLoopbackHost, isSecureOrLoopback } from './loopback.js';
export {
  CONTRACT_HEADER,
  CONTRACT_VERSION,
  type Endpoint,
  type TokenHandlerErrorCode,
} from './token-handler-contract.js';
