/** Every request of the sign-in runtime goes through here: the app's fetch, a deadline, the body read under it. */
import { allowInsecureRequests, customFetch, type HttpRequestOptions } from 'oauth4webapi';
import { deadline } from './shared/timeout.js';
import type { TransportContext } from './types.js';

/**
 * A request function over `fetch` (the app's, resolved at call time) where every request gets a deadline of
 * `timeoutMs` from an AbortController and a timer (`shared/timeout.ts`), not `AbortSignal.timeout`, which
 * Safari 15.4-15.x lacks although it has Web Locks: there, a hung refresh would hold the cross-tab refresh lock
 * forever. The body is read under the same deadline (a server that sends headers and then stalls is cut off
 * too), then the timer is cleared: no timer outlives its request.
 */
export function createRequest(
  fetch: (input: string | URL, init: RequestInit) => Promise<Response>,
  timeoutMs: number,
): TransportContext['request'] {
  return async (url, init) => {
    const limit = deadline(timeoutMs, init.signal);
    try {
      const response = await fetch(url, { ...init, signal: limit.signal });
      const { status } = response;
      // An opaque redirect (status 0, redirect: 'manual') or a null-body status: nothing to read.
      if (status < 200 || status === 204 || status === 205 || status === 304) return response;
      return new Response(await response.arrayBuffer(), {
        status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } finally {
      limit.clear();
    }
  };
}

/**
 * Options for an oauth4webapi request (discovery, token, revocation): the client's request function, and plain
 * http allowed only when the issuer or an endpoint is on a loopback host (checked in options.ts).
 *
 * `keepalive` asks the browser to finish sending the request even if the page goes away (a revocation on
 * sign-out, followed by a navigation). Browsers cap keepalive bodies at 64 KB in flight per page, so it is
 * used for that one small request only.
 *
 * @see https://fetch.spec.whatwg.org/#request-keepalive-flag
 */
export const httpOptions = <M, B>(
  context: TransportContext,
  keepalive?: boolean,
): HttpRequestOptions<M, B> => ({
  [customFetch]: (url, init) =>
    context.request(url, keepalive ? { ...(init as RequestInit), keepalive } : (init as RequestInit)),
  [allowInsecureRequests]: context.allowInsecureRequests,
});
