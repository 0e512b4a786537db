/** Every answer the handler gives: JSON, never cached, never readable cross-origin (no CORS headers at all). */
import type { HandlerError } from './errors.js';
import type { TokenResult } from './upstream.js';

/** The token JSON of `/token` and `/refresh`. It never holds a refresh token. */
export interface TokenResponseBody {
  /** The upstream access token, as the authorization server issued it: send it as `Authorization: Bearer`. */
  readonly access_token: string;
  /**
   * Always `Bearer`: an upstream that issues another token type (e.g. DPoP-bound) is answered with 502
   * `upstream_invalid_response`, since the browser could not use it through this handler.
   *
   * @see RFC 6750 §6.1.1
   */
  readonly token_type: 'Bearer';
  /** Seconds left, counted from when the upstream answered; absent when the upstream did not say. */
  readonly expires_in?: number;
  /** The granted scope, when known. */
  readonly scope?: string;
  /** True when the session can be refreshed (the cookie holds a refresh token). */
  readonly refresh: boolean;
}

/** A JSON answer with `Cache-Control: no-store` (RFC 6749 §5.1) and `nosniff`. */
export function jsonResponse(status: number, body: unknown, headers: Headers = new Headers()): Response {
  headers.set('content-type', 'application/json; charset=utf-8');
  headers.set('cache-control', 'no-store');
  headers.set('x-content-type-options', 'nosniff');
  return new Response(JSON.stringify(body), { status, headers });
}

/** `{ error, error_description, upstream_error? }` with the error's status, and `Set-Cookie` when given. */
export function errorResponse(error: HandlerError, setCookie?: string): Response {
  const headers = new Headers();
  if (setCookie !== undefined) headers.append('set-cookie', setCookie);
  if (error.code === 'method_not_allowed') headers.set('allow', 'POST');
  if (error.extra.retryAfterSeconds !== undefined)
    headers.set('retry-after', String(error.extra.retryAfterSeconds));
  return jsonResponse(
    error.status,
    {
      error: error.code,
      error_description: error.message,
      ...(error.extra.upstreamError !== undefined ? { upstream_error: error.extra.upstreamError } : {}),
    },
    headers,
  );
}

/** The token JSON for a result; `expires_in` shrinks by the time since the upstream answered. */
export function tokenBody(
  result: TokenResult,
  scope: string | undefined,
  refresh: boolean,
  now: number,
): TokenResponseBody {
  const elapsed = Math.max(0, Math.floor((now - result.receivedAt) / 1000));
  return {
    access_token: result.accessToken,
    token_type: 'Bearer',
    ...(result.expiresIn !== undefined
      ? { expires_in: Math.max(0, Math.floor(result.expiresIn) - elapsed) }
      : {}),
    ...(scope !== undefined ? { scope } : {}),
    refresh,
  };
}
