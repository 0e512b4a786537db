/**
 * The HTTP contract between the browser (`@telnyx-oauth/core/token-handler`) and a token handler
 * (`@telnyx-oauth/token-handler`), written once for both sides: the header that carries the contract
 * version, the endpoints and the handler's error codes.
 */

/**
 * The custom header every request to the handler carries (the CSRF defence: a cross-site form cannot send
 * it); its value is the contract version. Spelled as it goes on the wire (header names are
 * case-insensitive; fetch and HTTP/2 send them in lower case).
 */
export const CONTRACT_HEADER = 'x-telnyx-auth';

/** The contract version both sides speak. */
export const CONTRACT_VERSION = '1';

/** The endpoints under the handler's base path. */
export type Endpoint = 'token' | 'refresh' | 'logout' | 'session';

/**
 * A stable error code of the handler's HTTP contract v1 (the `error` member of every error body; the
 * browser branches on it, never on `error_description`). Each code's status and meaning: the token
 * handler's `ERROR_STATUS` and README ("Errors").
 */
export type TokenHandlerErrorCode =
  | 'not_found'
  | 'method_not_allowed'
  | 'origin_not_allowed'
  | 'csrf_header_missing'
  | 'unsupported_version'
  | 'unsupported_media_type'
  | 'body_too_large'
  | 'invalid_request'
  | 'redirect_uri_not_allowed'
  | 'no_session'
  | 'session_expired'
  | 'invalid_grant'
  | 'upstream_rejected'
  | 'client_authentication_failed'
  | 'upstream_invalid_response'
  | 'discovery_failed'
  | 'upstream_unavailable'
  | 'upstream_timeout'
  | 'internal_error';
