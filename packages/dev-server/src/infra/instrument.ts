import type { Context, MiddlewareHandler } from 'hono';
import type { HttpBindings } from '@hono/node-server';
import type { ServerContext } from './context.js';
import { endpointFor, errorShapeFor, type ErrorShape } from './endpoints.js';
import { TELNYX_CODES, telnyxError, telnyxErrorItem } from '../management/telnyx-errors.js';
import { htmlError, oauthError } from '../protocol/oauth-errors.js';
import { json } from './http.js';
import type { Fault } from './faults.js';

/** Marks a response whose connection was dropped; the in-process fetch turns it into a rejection. */
export const DROPPED_HEADER = 'x-dev-server-dropped';

/** Waits, but gives up as soon as the client goes away, so no timer outlives an aborted request. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** A request the client abandoned during added latency is not processed (nobody reads the answer). */
function abandoned(): Response {
  return new Response(null, { status: 499 });
}

function oauthCodeFor(status: number): string {
  if (status === 429) return 'rate_limit_exceeded';
  if (status === 503) return 'temporarily_unavailable';
  if (status >= 500) return 'server_error';
  return 'invalid_request';
}

function faultBody(shape: ErrorShape, status: number, headers: Record<string, string>): Response {
  const detail = `Injected fault: HTTP ${status}.`;
  if (shape === 'html') {
    const response = htmlError(status, oauthCodeFor(status), detail);
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  }
  if (shape === 'oauth') return oauthError(status, oauthCodeFor(status), detail, headers);
  const code = status === 429 ? TELNYX_CODES.rateLimited : TELNYX_CODES.server;
  return telnyxError(
    status,
    [telnyxErrorItem(code, status === 429 ? 'Too many requests' : 'Service error', detail)],
    headers,
  );
}

function faultResponse(fault: Fault, pathname: string): Response {
  const status = fault.status ?? 200;
  const headers: Record<string, string> = {};
  if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
  if (status === 429) {
    headers['RateLimit-Remaining'] = '0';
    if (fault.retryAfter !== undefined) headers['RateLimit-Reset'] = String(fault.retryAfter);
  }
  if (fault.body !== undefined) {
    headers['Content-Type'] = fault.contentType ?? 'application/json; charset=utf-8';
    return new Response(fault.body, { status, headers });
  }
  if (fault.contentType !== undefined) {
    return new Response('', { status, headers: { ...headers, 'Content-Type': fault.contentType } });
  }
  return status < 400 ? json({}, status, headers) : faultBody(errorShapeFor(pathname), status, headers);
}

/** Over HTTP the client sees a reset connection; in-process fetch rejects on the marker header. */
function dropConnection(c: Context<{ Bindings: Partial<HttpBindings> }>): Response {
  c.env?.incoming?.socket.destroy();
  return new Response(null, { status: 502, headers: { [DROPPED_HEADER]: '1' } });
}

/**
 * Counts each call per endpoint, adds configured latency and applies injected faults. Preflights are
 * neither counted nor faulted: tests count the requests a client meant to make.
 */
export function instrument(ctx: ServerContext): MiddlewareHandler<{ Bindings: Partial<HttpBindings> }> {
  return async (c, next) => {
    const endpoint = endpointFor(c.req.path);
    if (!endpoint || c.req.method === 'OPTIONS') return next();
    ctx.counters.increment(endpoint);
    const signal = c.req.raw.signal;
    if (ctx.config.latencyMs > 0) await sleep(ctx.config.latencyMs, signal);
    if (signal.aborted) return abandoned();
    const fault = ctx.faults.take(endpoint);
    if (!fault) return next();
    if (fault.latencyMs !== undefined && fault.latencyMs > 0) await sleep(fault.latencyMs, signal);
    if (signal.aborted) return abandoned();
    if (fault.drop) return dropConnection(c);
    if (fault.loseResponse) {
      await next(); // processed for real; only the answer goes missing
      c.res = dropConnection(c);
      return;
    }
    if (fault.status === undefined && fault.body === undefined && fault.contentType === undefined)
      return next();
    return faultResponse(fault, c.req.path);
  };
}
