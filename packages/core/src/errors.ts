/**
 * Typed errors with stable `code`s. Apps branch on `error.code` (or `instanceof`), never on messages.
 * Messages are written for developers; `userMessage` (where set) is safe to show to end users.
 */

export type TelnyxAuthErrorCode =
  // configuration and environment
  | 'invalid_options'
  | 'insecure_issuer'
  | 'discovery_failed'
  // redirect callback
  | 'not_a_callback' // URL has neither code nor error
  | 'missing_state'
  | 'unknown_state' // no stored transaction for this state (forged, replayed, expired, other browser)
  | 'issuer_mismatch' // RFC 9207 iss missing or different
  | 'authorization_denied' // error=access_denied
  | 'authorization_error' // any other error= from the authorization server
  | 'code_exchange_failed'
  // session
  | 'login_required' // no session, no refresh token
  | 'refresh_rejected' // invalid_grant on refresh: the session ended
  | 'refresh_failed' // network / 5xx / 429 on refresh: recoverable, session kept
  | 'network_error'
  | 'invalid_response' // malformed server response
  | 'storage_error'
  | 'lock_timeout'
  | 'invalid_return_to';

export class TelnyxAuthError extends Error {
  override readonly name: string = 'TelnyxAuthError';
  readonly code: TelnyxAuthErrorCode;
  /** True when the session is kept and trying again later can succeed. */
  readonly recoverable: boolean;
  /** OAuth `error` / `error_description` from the server, when the error came from one. */
  readonly oauthError?: string;
  readonly oauthErrorDescription?: string;
  /** HTTP status of the server response behind this error, when there was one. */
  readonly status?: number;
  /** When recoverable: how long the server asked us to wait (Retry-After), in milliseconds. */
  readonly retryAfterMs?: number;

  constructor(
    code: TelnyxAuthErrorCode,
    message: string,
    options: {
      cause?: unknown;
      recoverable?: boolean;
      oauthError?: string;
      oauthErrorDescription?: string;
      status?: number;
      retryAfterMs?: number;
    } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.recoverable = options.recoverable ?? false;
    if (options.oauthError !== undefined) this.oauthError = options.oauthError;
    if (options.oauthErrorDescription !== undefined)
      this.oauthErrorDescription = options.oauthErrorDescription;
    if (options.status !== undefined) this.status = options.status;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

export function isTelnyxAuthError(value: unknown): value is TelnyxAuthError {
  return value instanceof TelnyxAuthError;
}

/** Any thrown value as a TelnyxAuthError: ours pass through, anything else becomes `invalid_response`. */
export function toAuthError(cause: unknown, message = 'An unexpected error occurred.'): TelnyxAuthError {
  return cause instanceof TelnyxAuthError
    ? cause
    : new TelnyxAuthError('invalid_response', message, { cause });
}
