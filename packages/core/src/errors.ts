/**
 * Typed errors with stable `code`s. Apps branch on `error.code` (or `instanceof`), never on messages.
 *
 * Messages are for developers and exist only in development builds: every message is written as
 * `DEV && '...'`, which a bundler that replaces `process.env.NODE_ENV` (Vite, webpack, Next.js, esbuild with
 * `define`, Rollup with its replace plugin) removes from production builds, as React and zustand do. A
 * production error's message is its code and where the codes are documented.
 */

declare const process: { env: { NODE_ENV?: string } };

/**
 * True unless `process.env.NODE_ENV` is `'production'`. Gates the long diagnostic messages (and anything else
 * that only helps a developer) so production bundles leave them out.
 */
export const DEV: boolean = process.env.NODE_ENV !== 'production';

/** Every error code of the sign-in runtime; each is explained in the README's Errors table. */
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
  | 'storage_unavailable' // no persistent storage: a login could not survive its redirect
  | 'lock_timeout'
  | 'invalid_return_to'
  // scopes and popups
  | 'insufficient_scope' // the session (or the resource server) lacks a scope; `scopes` names the missing ones
  | 'popup_blocked' // window.open returned null
  | 'popup_closed' // the user closed the sign-in window before it finished
  | 'popup_timeout' // the sign-in window did not finish in time
  | 'popup_in_progress'; // a popup sign-in is already open (it was focused)

/** Codes whose errors keep the session and may succeed when tried again, unless a thrower says otherwise. */
const RECOVERABLE_CODES: ReadonlySet<string> = new Set([
  'refresh_failed',
  'network_error',
  'lock_timeout',
  'storage_error',
]);

/** The options of `new TelnyxAuthError(code, message, options)`. */
export interface TelnyxAuthErrorOptions {
  /** What went wrong underneath. Only a summary is kept (see `TelnyxAuthError.cause`). */
  cause?: unknown;
  /** Default: true for `refresh_failed`, `network_error`, `lock_timeout` and `storage_error`. */
  recoverable?: boolean;
  /** The `error` member of the server's answer (RFC 6749 §5.2, or a token handler's error code). */
  oauthError?: string;
  /** The `error_description` member of the server's answer. */
  oauthErrorDescription?: string;
  /** The HTTP status of the server's answer. */
  status?: number;
  /** How long to wait before asking the server again, ms (its Retry-After, capped by `maxRetryAfter`). */
  retryAfterMs?: number;
  /** For `insufficient_scope`: the scopes that are missing. */
  scopes?: readonly string[];
}

/**
 * A summary of a cause that is safe to log: a TelnyxAuthError as it is (it was summarised when it was made),
 * anything else as a plain Error with only the original's `name` and `message`. Third-party errors hold what
 * they parsed or received: oauth4webapi attaches a token response that failed validation (live access and
 * refresh tokens), a Response, or the callback's URL parameters (the code); none of that is kept.
 */
function summarize(cause: unknown): unknown {
  if (cause === undefined || cause instanceof TelnyxAuthError) return cause;
  const summary = new Error(cause instanceof Error ? cause.message : String(cause));
  summary.name = cause instanceof Error ? cause.name : 'Error';
  return summary;
}

/**
 * True for errors that mean "the request got no answer": fetch's own TypeError ("Failed to fetch", "fetch
 * failed": offline, DNS, CORS, a reset), and an aborted or timed-out request. oauth4webapi's validation errors
 * are TypeErrors too, but carry a `code`.
 */
export function isNetworkFailure(error: unknown): boolean {
  if (error instanceof TypeError) return !('code' in error);
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

/**
 * The one error type of the sign-in runtime: a stable `code` to branch on, `recoverable`, and where there was a
 * server answer its HTTP `status`, OAuth `error` / `error_description` and `Retry-After`. Safe to log and to
 * send to an error tracker: it never holds a token, a code, a response body or a Response (see `cause`).
 *
 * In production builds `message` is the code and a link to the documentation of the codes; development
 * builds explain what happened and what to do.
 */
export class TelnyxAuthError extends Error {
  /** Always `'TelnyxAuthError'`, also after minification. */
  override readonly name: string = 'TelnyxAuthError';
  /** What went wrong, stable across versions: branch on this, never on `message`. */
  declare readonly code: TelnyxAuthErrorCode;
  /** True when the session is kept and trying again later can succeed. */
  declare readonly recoverable: boolean;
  /**
   * The `error` member of the server's answer, when the error came from one: an OAuth error code
   * (RFC 6749 §5.2, `invalid_grant`...) or, through a token handler, the handler's error code.
   */
  declare readonly oauthError?: string;
  /** The `error_description` member of the server's answer, when it had one. */
  declare readonly oauthErrorDescription?: string;
  /** HTTP status of the server response behind this error, when there was one. */
  declare readonly status?: number;
  /**
   * When recoverable: how long the library waits before it asks the server again, in milliseconds (the
   * server's Retry-After, capped by the `maxRetryAfter` option).
   */
  declare readonly retryAfterMs?: number;
  /**
   * For `insufficient_scope`: the scopes the session lacks (those `getAccessToken({ scope })` asked for and
   * the session does not hold, or those a resource server's `WWW-Authenticate: Bearer scope="..."` named;
   * empty when the server named none). Scope names only, never a token.
   */
  declare readonly scopes?: readonly string[];
  /**
   * What went wrong underneath, safe to log: another TelnyxAuthError, or a plain Error with only the original
   * error's `name` and `message`. Never a response body, a Response, URL parameters or a third-party error
   * object (they can hold tokens or the authorization code).
   */
  declare readonly cause?: unknown;

  /**
   * @param code - The stable code.
   * @param message - What happened and what to do; the library passes one only in development builds.
   * @param options - The cause (kept as a summary) and the server's answer.
   */
  constructor(code: TelnyxAuthErrorCode, message?: string | false, options: TelnyxAuthErrorOptions = {}) {
    const cause = summarize(options.cause);
    super(
      message || `${code} (https://www.npmjs.com/package/@telnyx-oauth/core#errors)`,
      cause === undefined ? undefined : { cause },
    );
    this.code = code;
    this.recoverable = options.recoverable ?? RECOVERABLE_CODES.has(code);
    for (const key of ['oauthError', 'oauthErrorDescription', 'status', 'retryAfterMs', 'scopes'] as const) {
      if (options[key] !== undefined) (this as Record<string, unknown>)[key] = options[key];
    }
  }

  /**
   * Any thrown value as a TelnyxAuthError, with recoverability decided here, once, for every caller (core and
   * the React bindings):
   * - a TelnyxAuthError: itself;
   * - fetch's TypeError, an AbortError or TimeoutError: `network_error`, recoverable (the request got no
   *   answer; the session is kept);
   * - anything else: `invalid_response` with `fallback` as the message, not recoverable. An error nobody
   *   classified is not known to be transient, and calling it a network failure would tell people to retry
   *   (and apps to show "the server did not answer") for what is usually a bug.
   *
   * Storage failures are classified where they happen: every storage operation goes through a guard that turns
   * any failure into a recoverable `storage_error`. The cause is kept only as a summary (see `cause`). Never
   * throws.
   */
  static from(cause: unknown, fallback?: string | false): TelnyxAuthError {
    if (cause instanceof TelnyxAuthError) return cause;
    return isNetworkFailure(cause)
      ? new TelnyxAuthError(
          'network_error',
          DEV && 'The request got no answer (offline, blocked or timed out).',
          { cause },
        )
      : new TelnyxAuthError('invalid_response', fallback ?? (DEV && 'An unexpected error occurred.'), {
          cause,
        });
  }
}

/** True when `value` is a {@link TelnyxAuthError} (a type guard for `catch` blocks). */
export function isTelnyxAuthError(value: unknown): value is TelnyxAuthError {
  return value instanceof TelnyxAuthError;
}
