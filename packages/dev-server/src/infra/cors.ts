import type { MiddlewareHandler } from 'hono';
import type { ServerContext } from './context.js';
import { endpointFor } from './endpoints.js';
import { isLoopbackOrigin } from './loopback.js';

const ALLOW_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
const ALLOW_HEADERS = 'Authorization, Content-Type, Accept, DPoP, X-Request-Id';
/** What a browser client must read from responses: challenges, back-off and rate limit state. */
const EXPOSE_HEADERS =
  'WWW-Authenticate, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Location';
const MAX_AGE_SECONDS = '600';

/** Browser origins of every registered redirect URI may call the API (that is where SPAs run). */
export function registeredOrigins(ctx: ServerContext): Set<string> {
  const origins = new Set<string>();
  for (const client of ctx.state.clients.values()) {
    for (const uri of client.redirect_uris) {
      try {
        origins.add(new URL(uri).origin);
      } catch {
        // Unparseable URIs never get stored; ignore defensively.
      }
    }
  }
  return origins;
}

function withHeaders(response: Response, headers: Record<string, string>): Response {
  try {
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  } catch {
    // Immutable headers (a response passed through from elsewhere): copy it.
    const copy = new Response(response.body, response);
    for (const [name, value] of Object.entries(headers)) copy.headers.set(name, value);
    return copy;
  }
}

/**
 * The consent page and the consent API act for the user in person (the page carries the user's
 * first-party credential): like the Telnyx portal, no other origin may read them, registered or not.
 */
function isFirstPartyPath(path: string): boolean {
  return (
    path === '/consent' ||
    path.startsWith('/consent.') ||
    path.startsWith('/v2/oauth/consent/') ||
    path === '/v2/oauth/grants'
  );
}

/** With `cors: false` (the telnyx profile) the token and revocation endpoints answer no other origin. */
function corsSwitchedOff(ctx: ServerContext, path: string): boolean {
  if (ctx.config.cors) return false;
  const endpoint = endpointFor(path);
  return endpoint === 'token' || endpoint === 'revoke';
}

/**
 * CORS (Fetch standard): preflights answered here; actual responses get the allow/expose headers. Origins
 * of registered redirect URIs may call the API; the admin API answers loopback origins only, so browser
 * tests can drive it; the first-party consent surface answers no other origin, nor, with `cors: false`,
 * do the token and revocation endpoints.
 */
export function cors(ctx: ServerContext): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('origin');
    const isAdmin = c.req.path.startsWith('/__admin');
    const allowed =
      origin !== undefined &&
      !isFirstPartyPath(c.req.path) &&
      !corsSwitchedOff(ctx, c.req.path) &&
      (isAdmin ? isLoopbackOrigin(origin) : registeredOrigins(ctx).has(origin));
    const isPreflight =
      c.req.method === 'OPTIONS' && c.req.header('access-control-request-method') !== undefined;
    if (isPreflight) {
      if (!allowed) return new Response(null, { status: 403, headers: { Vary: 'Origin' } });
      return new Response(null, {
        status: 204,
        headers: {
          'Access-Control-Allow-Origin': origin,
          'Access-Control-Allow-Methods': ALLOW_METHODS,
          'Access-Control-Allow-Headers': ALLOW_HEADERS,
          'Access-Control-Max-Age': MAX_AGE_SECONDS,
          Vary: 'Origin',
        },
      });
    }
    await next();
    if (origin === undefined) return;
    const headers: Record<string, string> = { Vary: 'Origin' };
    if (allowed) {
      headers['Access-Control-Allow-Origin'] = origin;
      headers['Access-Control-Expose-Headers'] = EXPOSE_HEADERS;
    }
    c.res = withHeaders(c.res, headers);
  };
}
