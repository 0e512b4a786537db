/**
 * The handler's error answers: one stable code per failure, each with one HTTP status. Part of the HTTP
 * contract (README, "Errors"): the browser branches on `error`, never on `error_description`.
 */
import type { TokenHandlerErrorCode } from '@telnyx-oauth/core/shared';

export type { TokenHandlerErrorCode };

/** Every error code of contract v1, with the HTTP status it is answered with. */
export const ERROR_STATUS = {
  /** A path other than the four endpoints. */
  not_found: 404,
  /** Not `POST` (the answer carries `Allow: POST`). */
  method_not_allowed: 405,
  /** `Origin` missing or not in `allowedOrigins`, or `Sec-Fetch-Site` other than `same-origin`. */
  origin_not_allowed: 403,
  /** No `X-Telnyx-Auth` header (the CSRF defence: a cross-site form cannot send it). */
  csrf_header_missing: 403,
  /** `X-Telnyx-Auth` is not a contract version this handler speaks (`1`). */
  unsupported_version: 400,
  /** `/token` body not `application/json`. */
  unsupported_media_type: 415,
  /** Body over `maxBodyBytes`. */
  body_too_large: 413,
  /** `/token` body not a JSON object, or a field missing or malformed. */
  invalid_request: 400,
  /** `redirect_uri` not on the request's origin, or not in `redirectUris`. */
  redirect_uri_not_allowed: 400,
  /** `/refresh` without a usable session cookie. */
  no_session: 401,
  /** `/refresh`: the authorization server answered `invalid_grant` (the session is over; cookie cleared). */
  session_expired: 401,
  /** `/token`: the authorization server refused the code (spent, expired, wrong verifier or redirect URI). */
  invalid_grant: 400,
  /** The authorization server refused with another OAuth error, repeated in `upstream_error`. */
  upstream_rejected: 502,
  /** The authorization server refused the client credentials (`invalid_client`). */
  client_authentication_failed: 502,
  /** The upstream answer is malformed, too large, not a Bearer token, or does not fit in a cookie. */
  upstream_invalid_response: 502,
  /** The metadata is unusable: issuer mismatch, no token endpoint, an `http:` endpoint off loopback. */
  discovery_failed: 502,
  /** Network failure, 5xx, 408 or 429 after the retries allowed; `Retry-After` when the server sent one. */
  upstream_unavailable: 503,
  /** No answer within `requestTimeout`. */
  upstream_timeout: 504,
  /** A bug in the handler. */
  internal_error: 500,
} as const satisfies Record<TokenHandlerErrorCode, number>;

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

/** What a {@link HandlerError} carries besides its code: never a token, a message or a body. */
export interface HandlerErrorExtra {
  /** Seconds the browser should wait before trying again (from an upstream Retry-After). */
  readonly retryAfterSeconds?: number;
  /** A registered OAuth error code the upstream answered. */
  readonly upstreamError?: string;
  /** Where the problem is (the cause's class name), for `onEvent`. */
  readonly causeName?: string;
}

/**
 * A failure the handler answers with a JSON error. Thrown inside the handler only; the messages are fixed
 * strings written here, never text or tokens from a request or an upstream response.
 */
export class HandlerError extends Error {
  override readonly name = 'HandlerError';
  readonly status: number;
  readonly extra: HandlerErrorExtra;

  constructor(
    readonly code: TokenHandlerErrorCode,
    message: string,
    details: Omit<HandlerErrorExtra, 'causeName'> & {
      /**
       * What went wrong underneath. Only its class name is kept (`extra.causeName`): the cause itself may
       * hold an upstream body or a token, and is not stored.
       */
      readonly cause?: unknown;
    } = {},
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
    const { cause, ...extra } = details;
    // `in`, not `!== undefined`: `throw undefined` is a cause too, named 'undefined'.
    this.extra =
      'cause' in details
        ? { ...extra, causeName: cause instanceof Error ? cause.name : typeof cause }
        : extra;
  }
}
