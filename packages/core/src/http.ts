/** The transport options handed to every oauth4webapi request: our fetch, the loopback exception, a timeout. */
import { allowInsecureRequests, customFetch, ResponseBodyError, type HttpRequestOptions } from 'oauth4webapi';
import type { ResolvedOptions } from './options.js';

export function httpOptions<M, B>(options: ResolvedOptions): HttpRequestOptions<M, B> {
  return {
    [customFetch]: (url, init) => options.fetch(url, init as RequestInit),
    // Only ever true for http://localhost / 127.0.0.0/8 / [::1] (checked in options.ts): the dev server.
    [allowInsecureRequests]: options.allowInsecureLoopback,
    // AbortSignal.timeout is missing in older browsers (Safari < 16): no timeout beats failing every request.
    ...(typeof AbortSignal.timeout === 'function'
      ? { signal: () => AbortSignal.timeout(options.requestTimeoutMs) }
      : {}),
  };
}

/** The HTTP status behind an oauth4webapi error (an OAuth error body, or a non-conform response). */
export function responseOf(error: unknown): Response | undefined {
  if (error instanceof ResponseBodyError) return error.response;
  const cause = error instanceof Error ? error.cause : undefined;
  return cause instanceof Response ? cause : undefined;
}
