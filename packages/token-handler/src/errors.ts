/**
 * The handler's error answers: one stable code per failure, each with one HTTP status. Part of the HTTP
 * contract (README, "Errors"): the browser branches on `error`, never on `error_description`.
 */

/** Every error code of contract v1, with the HTTP status it is answered with. */
export const ERROR_STATUS = {
  not_found: 404,
  method_not_allowed: 405,
  origin_not_allowed: 403,
  csrf_header_missing: 403,
  unsupported_version: 400,
  unsupported_media_type: 415,
  body_too_large: 413,
  invalid_request: 400,
  redirect_uri_not_allowed: 400,
  no_session: 401,
  session_expired: 401,
  invalid_grant: 400,
  upstream_rejected: 502,
  client_authentication_failed: 502,
  upstream_invalid_response: 502,
  discovery_failed: 502,
  upstream_unavailable: 503,
  upstream_timeout: 504,
  internal_error: 500,
} as const;

/** A stable error code of the handler's HTTP contract (the `error` member of every error body). */
export type TokenHandlerErrorCode = keyof typeof ERROR_STATUS;

/** The error codes of contract v1, in the order the README lists them. */
export const TOKEN_HANDLER_ERROR_CODES = Object.keys(ERROR_STATUS) as readonly TokenHandlerErrorCode[];

/**
 * OAuth error codes an upstream may answer (RFC 6749 §5.2, RFC 7009 §2.2.1): the only upstream strings the
 * handler repeats to the browser (`upstream_error`), so no free text from upstream reaches a response.
 */
const KNOWN_OAUTH_ERRORS: ReadonlySet<string> = new Set([
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_scope',
  'unsupported_token_type',
  'temporarily_unavailable',
  'server_error',
  'access_denied',
]);

/** The upstream OAuth error code when it is a registered one; anything else is dropped. */
export function knownOAuthError(error: string | undefined): string | undefined {
  return error !== undefined && KNOWN_OAUTH_ERRORS.has(error) ? error : undefined;
}

/**
 * A failure the handler answers with a JSON error. Thrown inside the handler only; the messages are fixed
 * strings written here, never text or tokens from a request or an upstream response.
 */
export class HandlerError extends Error {
  override readonly name = 'HandlerError';
  readonly status: number;

  constructor(
    readonly code: TokenHandlerErrorCode,
    message: string,
    readonly extra: {
      /** Seconds the browser should wait before trying again (from an upstream Retry-After). */
      readonly retryAfterSeconds?: number;
      /** A registered OAuth error code the upstream answered. */
      readonly upstreamError?: string;
      /** Where the problem is (an error's class name), for `onEvent`; never a message or a body. */
      readonly causeName?: string;
    } = {},
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}
