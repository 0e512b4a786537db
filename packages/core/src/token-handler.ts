/**
 * `@telnyx-oauth/core/token-handler`: the browser side of `@telnyx-oauth/token-handler` (HTTP contract v1, see
 * its README). The code exchange, refreshes and logout go to the handler, which holds a confidential client's
 * secret and the refresh token (in an HttpOnly cookie); discovery, the authorize redirect, PKCE, `state` and
 * `iss` stay in the browser. Its own entry: an app that does not use a token handler does not bundle this.
 */
import { DEV, isNetworkFailure, TelnyxAuthError, type TelnyxAuthErrorCode } from './errors.js';
import { checkEndpointUrl } from './options.js';
import { isRetryableStatus } from './shared/retry.js';
import {
  CONTRACT_HEADER,
  CONTRACT_VERSION,
  type Endpoint,
  type TokenHandlerErrorCode,
} from './shared/token-handler-contract.js';
import type { TokenResponse, Transport, TransportContext } from './types.js';

/**
 * The handler's codes for a configuration problem (`invalid_options`), with what to tell a developer (dev builds
 * only: production keeps the codes, not the sentences).
 */
const MISCONFIGURED: Partial<Record<TokenHandlerErrorCode, string | false>> = {
  origin_not_allowed:
    DEV &&
    "refused this page's origin: serve the handler on the app's origin and list it in allowedOrigins (TELNYX_TOKEN_HANDLER_ALLOWED_ORIGINS)",
  // Prose for a developer: the header as the README spells it (on the wire it is CONTRACT_HEADER).
  csrf_header_missing:
    DEV && 'did not get the X-Telnyx-Auth header: a proxy in between drops it; let it through',
  unsupported_version:
    DEV &&
    `speaks another contract version than this library (X-Telnyx-Auth: ${CONTRACT_VERSION}): upgrade both together`,
  redirect_uri_not_allowed:
    DEV &&
    "refused the redirect URI: it must be on this page's origin and, when configured, in the handler's redirectUris (TELNYX_TOKEN_HANDLER_REDIRECT_URIS)",
  client_authentication_failed:
    DEV &&
    "could not authenticate to the authorization server: check the handler's client id and secret (a confidential client)",
  not_found:
    DEV && 'is not at this path: check the base path given to tokenHandler() and the handler’s basePath',
  method_not_allowed:
    DEV && 'is not at this path: check the base path given to tokenHandler() and the handler’s basePath',
  unsupported_media_type: DEV && 'refused the request body: a proxy in between changed it',
  body_too_large: DEV && 'refused the request body: a proxy in between changed it',
};

/** The token JSON of `/token` and `/refresh`, checked: anything else is not an answer to use. */
function tokenResponse(body: Record<string, unknown>): TokenResponse | undefined {
  const { access_token, token_type, expires_in, scope, refresh } = body;
  return typeof access_token === 'string' &&
    access_token &&
    typeof token_type === 'string' &&
    /^bearer$/i.test(token_type) &&
    (expires_in === undefined || (typeof expires_in === 'number' && expires_in >= 0)) &&
    (scope === undefined || typeof scope === 'string') &&
    typeof refresh === 'boolean'
    ? { access_token, token_type: 'bearer', expires_in, scope, refresh }
    : undefined;
}

/**
 * A {@link Transport} to a token-mediating backend (`@telnyx-oauth/token-handler`) at `basePath` (default
 * `/api/auth`, on the app's origin; an absolute URL must be https, or http on loopback). Every request is a
 * `POST` with `X-Telnyx-Auth: 1` that carries the handler's HttpOnly session cookie; no request or answer ever
 * holds a refresh token. Use it as the `transport` option of `createTelnyxAuth` (or `<TelnyxAuthProvider>`).
 *
 * The handler's error codes become `TelnyxAuthError`s, each chosen on purpose:
 * - `session_expired`, `no_session` (on `/refresh`): `refresh_rejected`, the session ends;
 * - `upstream_unavailable`, `upstream_timeout`, a 5xx or no answer on `/refresh`: `refresh_failed`,
 *   recoverable, with the handler's `Retry-After` (capped by `maxRetryAfter`); on `/token`: `network_error`;
 * - `invalid_grant`, `invalid_request`, `upstream_rejected` on `/token`: `code_exchange_failed`;
 * - `origin_not_allowed`, `csrf_header_missing`, `unsupported_version`, `redirect_uri_not_allowed`,
 *   `client_authentication_failed` and a missing handler: `invalid_options`, whose development message says
 *   what to fix; anything else (`upstream_invalid_response`, `internal_error`, a malformed answer):
 *   `invalid_response`. The handler's code is always in `oauthError`.
 *
 * @throws TelnyxAuthError `invalid_options` / `insecure_issuer` (when first used) for an unusable `basePath`.
 * @see https://datatracker.ietf.org/doc/html/draft-ietf-oauth-browser-based-apps (§6.2, token-mediating backend)
 */
export function tokenHandler(basePath = '/api/auth'): Transport {
  async function call(
    context: TransportContext,
    endpoint: Exclude<Endpoint, 'session'>,
    body?: object,
  ): Promise<TokenResponse> {
    const url = checkEndpointUrl(
      new URL(`${basePath.replace(/\/$/, '')}/${endpoint}`, context.redirectUri),
      'tokenHandler',
    );
    const refresh = endpoint === 'refresh';
    let response: Response;
    try {
      response = await context.request(url, {
        method: 'POST',
        headers: { [CONTRACT_HEADER]: CONTRACT_VERSION, ...(body && { 'content-type': 'application/json' }) },
        body: body && JSON.stringify(body),
        credentials: 'same-origin',
        keepalive: endpoint === 'logout',
      });
    } catch (cause) {
      throw new TelnyxAuthError(
        refresh ? 'refresh_failed' : isNetworkFailure(cause) ? 'network_error' : 'invalid_response',
        DEV && `The token handler at ${url} did not answer.`,
        { cause, recoverable: refresh },
      );
    }
    const { status, headers } = response;
    const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    const answer = response.ok && tokenResponse(json);
    if (answer || (response.ok && endpoint === 'logout')) return answer as TokenResponse;
    // Any string the handler sent; only the contract's codes match the branches below.
    const error = typeof json.error === 'string' ? (json.error as TokenHandlerErrorCode) : undefined;
    const is = (...codes: TokenHandlerErrorCode[]): boolean => error !== undefined && codes.includes(error);
    const upstream = typeof json.upstream_error === 'string' ? json.upstream_error : undefined;
    // Own keys only: a code such as `constructor` is not a configuration problem.
    const misconfigured = error !== undefined && Object.prototype.hasOwnProperty.call(MISCONFIGURED, error);
    const unavailable =
      is('upstream_unavailable', 'upstream_timeout') || (!error && isRetryableStatus(status, headers));
    const code: TelnyxAuthErrorCode = misconfigured
      ? 'invalid_options'
      : refresh
        ? is('session_expired', 'no_session')
          ? 'refresh_rejected'
          : unavailable
            ? 'refresh_failed'
            : 'invalid_response'
        : unavailable
          ? 'network_error'
          : is('invalid_grant', 'invalid_request', 'upstream_rejected')
            ? 'code_exchange_failed'
            : 'invalid_response';
    throw new TelnyxAuthError(
      code,
      DEV &&
        (misconfigured
          ? `The token handler at ${url} ${MISCONFIGURED[error!] as string}.`
          : `The token handler answered ${status}${error ? ` ${error}` : ''} to /${endpoint}.`),
      {
        status,
        oauthError: error,
        oauthErrorDescription: upstream,
        recoverable: code === 'refresh_failed' || (refresh && code === 'invalid_response'),
        retryAfterMs: code === 'refresh_failed' ? context.retryAfter(headers) : undefined,
      },
    );
  }

  return {
    exchange: (context, params, codeVerifier, redirectUri) =>
      call(context, 'token', {
        code: params.get('code'),
        code_verifier: codeVerifier,
        redirect_uri: redirectUri,
      }),
    refresh: (context) => call(context, 'refresh'),
    // Always: the handler clears its HttpOnly cookie (which this page cannot) and revokes when it can.
    logout: async (context) => {
      await call(context, 'logout').catch((cause: unknown) => {
        throw new TelnyxAuthError(
          'network_error',
          DEV && 'Signed out in the browser, but the token handler could not end its session.',
          { cause },
        );
      });
    },
  };
}
