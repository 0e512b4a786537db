/** The transport options handed to every oauth4webapi request: our fetch, the loopback exception, a deadline. */
import { allowInsecureRequests, customFetch, ResponseBodyError, type HttpRequestOptions } from 'oauth4webapi';
import type { ResolvedOptions } from './options.js';
import { deadline } from './shared/timeout.js';

/** Statuses whose responses have no body (the Response constructor refuses one). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * Options for an oauth4webapi request (discovery, token, revocation) through the app's `fetch`.
 *
 * Every request gets a deadline of `requestTimeout` from an AbortController and a timer (`shared/timeout.ts`),
 * not `AbortSignal.timeout`, which Safari 15.4-15.x lacks although it has Web Locks: there, a hung refresh
 * would hold the cross-tab refresh lock forever. The body is read under the same deadline (a server that sends
 * headers and then stalls is cut off too), then the timer is cleared: no timer outlives its request.
 *
 * `keepalive` asks the browser to finish sending the request even if the page goes away (a revocation on
 * sign-out, followed by a navigation). Browsers cap keepalive bodies at 64 KB in flight per page, so it is
 * used for that one small request only.
 *
 * @see https://fetch.spec.whatwg.org/#request-keepalive-flag
 */
export function httpOptions<M, B>(options: ResolvedOptions, keepalive?: boolean): HttpRequestOptions<M, B> {
  return {
    async [customFetch](url, init) {
      const limit = deadline(options.requestTimeoutMs, init.signal);
      try {
        const response = await options.fetch(url, {
          ...(init as RequestInit),
          signal: limit.signal,
          ...(keepalive ? { keepalive } : {}),
        });
        const { status } = response;
        // An opaque redirect (status 0, redirect: 'manual') or a null-body status: nothing to read.
        if (status < 200 || status > 599 || NULL_BODY.has(status)) return response;
        return new Response(await response.arrayBuffer(), {
          status,
          statusText: response.statusText,
          headers: response.headers,
        });
      } finally {
        limit.clear();
      }
    },
    // Only ever true for http://localhost / 127.0.0.0/8 / [::1] (checked in options.ts): the dev server.
    [allowInsecureRequests]: options.allowInsecureLoopback,
  };
}

/** The HTTP status behind an oauth4webapi error (an OAuth error body, or a non-conform response). */
export function responseOf(error: unknown): Response | undefined {
  if (error instanceof ResponseBodyError) return error.response;
  const cause = error instanceof Error ? error.cause : undefined;
  return cause instanceof Response ? cause : undefined;
}
