/**
 * Sending one request to the authorization server: a deadline per attempt (covering the body), a cap on
 * the answer's size, and retries by the shared rules (`@telnyx-oauth/core/shared`), narrowed for requests
 * that must not run twice.
 */
import {
  backoffDelay,
  deadline,
  isLoopbackHost,
  isRetryableAnswer,
  isRetryableConnectionFailure,
  retryAfterMs,
  sleep,
  type RetryPolicy,
} from '@telnyx-oauth/core/shared';
import { allowInsecureRequests, customFetch, type HttpRequestOptions } from 'oauth4webapi';
import { HandlerError } from './errors.js';
import type { ResolvedOptions } from './options.js';
import { readLimited, TOO_LARGE } from './read-limited.js';

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

/**
 * One attempt judged by the shared retry rules: whether it may be retried, after how long, and what the
 * caller gets when it is not: the answer, or the failure to throw.
 */
interface Outcome {
  readonly retryable: boolean;
  readonly delay: number;
  readonly result: Response | HandlerError;
}

/**
 * An answer judged: retryable by the shared rules (after the server's wait, else the backoff); when not
 * retried, a 5xx, 408 or 429 (the server cannot answer now) is `upstream_unavailable` with the server's
 * Retry-After, anything else goes back to oauth4webapi.
 */
function answered(response: Response, policy: RetryPolicy, attempt: number, now: number): Outcome {
  const { status, headers } = response;
  const serverWait = retryAfterMs(headers, now);
  const unavailable = status >= 500 || status === 408 || status === 429;
  return {
    retryable: isRetryableAnswer(status, headers, policy),
    delay: serverWait ?? backoffDelay(attempt),
    result: unavailable
      ? new HandlerError('upstream_unavailable', `The authorization server answered ${status}.`, {
          ...(serverWait !== undefined ? { retryAfterSeconds: Math.ceil(serverWait / 1000) } : {}),
        })
      : response,
  };
}

/** An oauth4webapi request function, given our transport options (fetch, signal, loopback exception). */
export type Perform<M, B> = (transport: HttpRequestOptions<M, B>) => Promise<Response>;

export interface UpstreamHttp {
  /**
   * Runs `perform` (an oauth4webapi request function) with our fetch, deadline and retries (the shared
   * rules: `isRetryableAnswer`, `isRetryableConnectionFailure`, never a wait over `maxRetryDelay`).
   * Resolves to the last answer when it is 2xx, 3xx or a 4xx other than 408 and 429.
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
        let outcome: Outcome;
        try {
          const response = await perform({
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
          outcome = answered(response, policy, attempt, options.now());
        } catch (cause) {
          if (!sent) {
            // oauth4webapi refused before sending: the metadata lacks the endpoint or it is not https.
            throw new HandlerError('discovery_failed', 'The authorization server metadata is unusable.', {
              cause,
            });
          }
          if (cause instanceof UpstreamBodyTooLarge) {
            throw new HandlerError(
              'upstream_invalid_response',
              'The authorization server answer is too large.',
              {
                cause,
              },
            );
          }
          outcome = {
            retryable: isRetryableConnectionFailure(policy),
            delay: backoffDelay(attempt),
            result: timer.signal.aborted
              ? new HandlerError('upstream_timeout', 'The authorization server did not answer in time.', {
                  cause,
                })
              : new HandlerError('upstream_unavailable', 'The authorization server could not be reached.', {
                  cause,
                }),
          };
        } finally {
          timer.clear();
        }

        if (outcome.retryable && attempt < options.maxRetries && outcome.delay <= options.maxRetryDelay) {
          await sleep(outcome.delay);
          continue;
        }
        if (outcome.result instanceof HandlerError) throw outcome.result;
        return outcome.result;
      }
    },
  };
}
