/**
 * Sending one request to the authorization server: a deadline per attempt (covering the body), a cap on
 * the answer's size, and retries by the shared rules (`@telnyx-oauth/core/shared`), narrowed for requests
 * that must not run twice.
 */
import {
  backoffDelay,
  deadline,
  isLoopbackHost,
  isRetryableStatus,
  retryAfterMs,
  sleep,
  wasNotProcessed,
} from '@telnyx-oauth/core/shared';
import { allowInsecureRequests, customFetch, type HttpRequestOptions } from 'oauth4webapi';
import { HandlerError } from './errors.js';
import type { ResolvedOptions } from './options.js';
import { readLimited, TOO_LARGE } from './read-limited.js';

/**
 * `idempotent` (discovery, revocation): retried after any answer the shared rules call retryable, a
 * dropped connection or a timeout. `single-use` (code exchange, a possibly rotating refresh): retried only
 * when the server said it did not process the request (408, 429, 503), never after a timeout or a dropped
 * connection, which may have happened after the server acted (a spent code or a rotated refresh token).
 */
export type RetryPolicy = 'idempotent' | 'single-use';

/** Token, revocation and metadata answers are a few KB; anything far larger is not one of them. */
const MAX_UPSTREAM_BODY = 128 * 1024;
const NULL_BODY_STATUSES: ReadonlySet<number> = new Set([101, 204, 205, 304]);

class UpstreamBodyTooLarge extends Error {
  override readonly name = 'UpstreamBodyTooLarge';
}

/** The answer with its body read (within the limit and the deadline), so processing it cannot hang. */
async function buffered(response: Response): Promise<Response> {
  const body = await readLimited(response.body, MAX_UPSTREAM_BODY, response.headers.get('content-length'));
  if (body === TOO_LARGE) throw new UpstreamBodyTooLarge('The upstream answer is too large.');
  const headers = new Headers(response.headers);
  headers.delete('content-encoding');
  headers.delete('content-length');
  return new Response(NULL_BODY_STATUSES.has(response.status) ? null : body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

/** An oauth4webapi request function, given our transport options (fetch, signal, loopback exception). */
export type Perform<M, B> = (transport: HttpRequestOptions<M, B>) => Promise<Response>;

export interface UpstreamHttp {
  /**
   * Runs `perform` (an oauth4webapi request function) with our fetch, deadline and retries. Resolves to an
   * answer that is neither a transport failure nor a retryable status: 2xx, 3xx or a non-retryable 4xx.
   *
   * @throws HandlerError `upstream_timeout`, `upstream_unavailable` (5xx, 408, 429, network; with the
   *   server's Retry-After in seconds), `upstream_invalid_response` (too large), `discovery_failed`
   *   (oauth4webapi refused the metadata before sending).
   */
  send<M, B>(policy: RetryPolicy, url: URL, perform: Perform<M, B>): Promise<Response>;
}

/** The sender every upstream request goes through, configured from the handler's options. */
export function createUpstreamHttp(options: ResolvedOptions): UpstreamHttp {
  return {
    async send(policy, url, perform) {
      for (let attempt = 0; ; attempt += 1) {
        const timer = deadline(options.requestTimeout);
        let sent = false;
        let response: Response;
        try {
          response = await perform({
            signal: timer.signal,
            [customFetch]: async (href, init) => {
              sent = true;
              const answer = await options.fetch(href, { ...(init as RequestInit), signal: timer.signal });
              // A fetch that resolves although its signal fired (an in-process server answering an
              // abandoned request) is a timeout all the same.
              if (timer.signal.aborted) throw timer.signal.reason;
              const body = await buffered(answer);
              if (timer.signal.aborted) throw timer.signal.reason;
              return body;
            },
            // Only ever true for http://localhost, 127.0.0.0/8, [::1]: every endpoint was checked with
            // isSecureOrLoopback when configured or discovered.
            [allowInsecureRequests]: url.protocol === 'http:' && isLoopbackHost(url.hostname),
          });
        } catch (cause) {
          const causeName = cause instanceof Error ? cause.name : typeof cause;
          if (!sent) {
            // oauth4webapi refused before sending: the metadata lacks the endpoint or it is not https.
            throw new HandlerError('discovery_failed', 'The authorization server metadata is unusable.', {
              causeName,
            });
          }
          if (cause instanceof UpstreamBodyTooLarge) {
            throw new HandlerError(
              'upstream_invalid_response',
              'The authorization server answer is too large.',
              {
                causeName,
              },
            );
          }
          const timedOut = timer.signal.aborted;
          if (policy === 'idempotent' && attempt < options.maxRetries) {
            await sleep(backoffDelay(attempt));
            continue;
          }
          throw timedOut
            ? new HandlerError('upstream_timeout', 'The authorization server did not answer in time.', {
                causeName,
              })
            : new HandlerError('upstream_unavailable', 'The authorization server could not be reached.', {
                causeName,
              });
        } finally {
          timer.clear();
        }

        const { status, headers } = response;
        if (!isRetryableStatus(status, headers) && status < 500) return response;
        const serverWait = retryAfterMs(headers, options.now());
        const delay = serverWait ?? backoffDelay(attempt);
        const mayRetry =
          isRetryableStatus(status, headers) && (policy === 'idempotent' || wasNotProcessed(status));
        if (mayRetry && attempt < options.maxRetries && delay <= options.maxRetryDelay) {
          await sleep(delay);
          continue;
        }
        if (status < 500 && status !== 408 && status !== 429) return response; // x-should-retry on a 4xx
        throw new HandlerError('upstream_unavailable', `The authorization server answered ${status}.`, {
          ...(serverWait !== undefined ? { retryAfterSeconds: Math.ceil(serverWait / 1000) } : {}),
        });
      }
    },
  };
}
