/**
 * Authenticated fetch, as its own function: an app that never calls it does not bundle it (nor the Bearer
 * challenge parser). Adds `Authorization: Bearer` (RFC 6750 §2.1); when the resource server answers 401 with
 * `error="invalid_token"` (RFC 6750 §3.1) the token was revoked or expired early: refresh once and retry once.
 */
import { DEV, TelnyxAuthError } from './errors.js';
import { classifyUnauthorized } from './shared/bearer-challenge.js';
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
 * it refreshes once (`getAccessToken({ forceRefresh: true })`, unless the session already holds a newer token)
 * and sends the request once more; any other answer, a `401 insufficient_scope` included, is returned as is.
 * Use it for the Telnyx API or your own backend, never for third-party URLs: it adds the token to any URL.
 *
 * The returned function rejects with the `TelnyxAuthError` of `getAccessToken` (`login_required` when signed
 * out, `refresh_rejected` when the session ended), with `invalid_options` when the arguments do not make a
 * request or the URL is plain http off loopback (a token never travels unencrypted), and as `fetch` does.
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
    if (
      response.status !== 401 ||
      classifyUnauthorized(response.headers.get('www-authenticate')) !== 'refresh'
    )
      return response;
    await response.body?.cancel().catch(() => undefined);
    // A newer token than the rejected one (another caller refreshed meanwhile) is used as it is.
    const current = await auth.getAccessToken();
    return send(retry, current !== token ? current : await auth.getAccessToken({ forceRefresh: true }));
  };
}
