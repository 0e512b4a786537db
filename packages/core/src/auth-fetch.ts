/**
 * Authenticated fetch, as its own function: an app that never calls it does not bundle it (nor the Bearer
 * challenge parser). Adds `Authorization: Bearer` (RFC 6750 §2.1); when the resource server answers 401 with
 * `error="invalid_token"` (RFC 6750 §3.1) the token was revoked or expired early: refresh once and retry once;
 * with `error="insufficient_scope"` it lacks a scope: a typed `insufficient_scope` error, no refresh.
 */
import { DEV, TelnyxAuthError } from './errors.js';
import { classifyUnauthorized, parseBearerChallenge } from './shared/bearer-challenge.js';
import { isSecureOrLoopback } from './shared/loopback.js';
import type { TelnyxAuth } from './types.js';

/** Options of {@link createAuthFetch}. */
export interface AuthFetchOptions {
  /** Where requests go once the token is added. Default: `globalThis.fetch` at call time. */
  fetch?: typeof fetch;
}

/**
 * A `fetch` that sends the session's access token: `Authorization: Bearer <token>` from
 * `auth.getAccessToken()` (refreshed when due). On `401` with `WWW-Authenticate: Bearer error="invalid_token"`
 * it refreshes once (`getAccessToken({ forceRefresh: true, rejected })`: not when the session already holds a newer token)
 * and sends the request once more. A `401` with `error="insufficient_scope"` (how Telnyx answers a token
 * without the scope) rejects with `insufficient_scope`, naming the scopes of the challenge's `scope`
 * attribute: never a refresh, never a retry. Any other answer is returned as is. Use it for the Telnyx API
 * or your own backend, never for third-party URLs: it adds the token to any URL.
 *
 * The returned function rejects with the `TelnyxAuthError` of `getAccessToken` (`login_required` when signed
 * out, `refresh_rejected` when the session ended), with `insufficient_scope` (above), with `invalid_options`
 * when the arguments do not make a request or the URL is plain http off loopback (a token never travels
 * unencrypted), and as `fetch` does.
 *
 * @see RFC 6750 §2.1, §3.1
 */
export function createAuthFetch(
  auth: Pick<TelnyxAuth, 'getAccessToken'>,
  options: AuthFetchOptions = {},
): (input: RequestInfo | URL, init?: RequestInit) => Promise<Response> {
  const send = (request: Request, token: string): Promise<Response> => {
    const headers = new Headers(request.headers);
    headers.set('authorization', `Bearer ${token}`);
    return (options.fetch ?? fetch)(new Request(request, { headers }));
  };
  /**
   * True for a 401 `invalid_token`: refresh and retry. Throws for a 401 `insufficient_scope`: a valid token
   * without the scope (Telnyx answers 401, not 403), which a refresh cannot fix.
   */
  const needsRefresh = async (response: Response): Promise<boolean> => {
    const challenge = response.headers.get('www-authenticate');
    const verdict = response.status === 401 && classifyUnauthorized(challenge);
    if (verdict !== 'insufficient_scope') return verdict === 'refresh';
    await response.body?.cancel().catch(() => undefined);
    throw new TelnyxAuthError(
      'insufficient_scope',
      DEV &&
        'The API refused the token for a missing scope (401 insufficient_scope): ask for it with loginWithPopup or loginWithRedirect.',
      { status: 401, scopes: parseBearerChallenge(challenge)?.scope ?? [] },
    );
  };
  return async (input, init) => {
    let request: Request;
    try {
      request = new Request(input, init);
    } catch (cause) {
      throw new TelnyxAuthError(
        'invalid_options',
        DEV && 'auth fetch could not build a request from its arguments.',
        {
          cause,
        },
      );
    }
    if (!isSecureOrLoopback(new URL(request.url)))
      throw new TelnyxAuthError(
        'invalid_options',
        DEV && 'Refusing to send an access token over plain http to a non-loopback host.',
      );
    // Keep an unsent copy: a request body can be read only once, and we may need to send it twice.
    const retry = request.clone();
    const token = await auth.getAccessToken();
    const response = await send(request, token);
    if (!(await needsRefresh(response))) return response;
    await response.body?.cancel().catch(() => undefined);
    const again = await send(retry, await auth.getAccessToken({ forceRefresh: true, rejected: token }));
    await needsRefresh(again); // the one retry: another invalid_token is the caller's
    return again;
  };
}
