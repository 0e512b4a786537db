import type { Context, MiddlewareHandler } from 'hono';
import { nowMs, type ServerContext } from '../infra/context.js';
import { SEED_USER } from '../infra/seed.js';
import { isAccessTokenActive } from '../infra/state.js';
import { TELNYX_CODES, telnyxError, telnyxErrorItem } from './telnyx-errors.js';

/** Who is calling a bearer-protected endpoint. */
export interface Caller {
  userId: string;
  /** `api_key`: the user's own first-party credential; `oauth`: an access token issued to a client. */
  via: 'api_key' | 'oauth';
  /** Set for OAuth access tokens: the token's scopes. */
  scopes?: string[];
  clientId?: string;
}

/** Hono variables set by `requireUser` and `requireFirstPartySession`. */
export type CallerVariables = { caller: Caller };

const REALM = 'Telnyx API';

/**
 * Reads need account_management.read or .write; writes need .write. An API key may do anything. The
 * first entry is the one a challenge names (the least a token needs).
 */
export function requiredScopes(method: string): string[] {
  return method === 'GET' || method === 'HEAD'
    ? ['account_management.read', 'account_management.write']
    : ['account_management.write'];
}

/**
 * A valid token without the scope: 401 with `error="insufficient_scope"` and the scope it needs (RFC 6750
 * §3 attributes), as Telnyx documents it ("re-run the OAuth flow with the requested scope") rather than
 * RFC 6750's 403. A client must not take it for an expired token: a refresh cannot add a scope.
 */
function insufficientScope(needed: string[]): Response {
  const minimal = needed[0] ?? 'account_management.write';
  return telnyxError(
    401,
    [
      telnyxErrorItem(
        TELNYX_CODES.forbidden,
        'Insufficient scope',
        `The access token lacks the scope this endpoint needs (${needed.join(' or ')}); sign in again asking for ${minimal}.`,
      ),
    ],
    { 'WWW-Authenticate': `Bearer realm="${REALM}", error="insufficient_scope", scope="${minimal}"` },
  );
}

function unauthorized(detail: string, tokenGiven: boolean): Response {
  // RFC 6750 §3.1: no error code when the request carried no credentials at all.
  const challenge = tokenGiven
    ? `Bearer realm="${REALM}", error="invalid_token", error_description="${detail}"`
    : `Bearer realm="${REALM}"`;
  return telnyxError(401, [telnyxErrorItem(TELNYX_CODES.unauthenticated, 'Authentication failed', detail)], {
    'WWW-Authenticate': challenge,
  });
}

/**
 * The seeded user's API key, or an unexpired, unrevoked access token this server issued for that user;
 * else the 401 to answer (RFC 6750 §3.1).
 */
function authenticate(ctx: ServerContext, c: Context): Caller | Response {
  const header = c.req.header('authorization');
  if (!header) return unauthorized('An Authorization: Bearer header is required.', false);
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) return unauthorized('The Authorization header must be a Bearer token.', true);
  const token = match[1];
  if (token === SEED_USER.apiKey) return { userId: SEED_USER.id, via: 'api_key' };
  const record = ctx.state.accessTokens.get(token);
  if (!record || record.user_id === null || !isAccessTokenActive(ctx.state, record, nowMs(ctx))) {
    return unauthorized('The access token is invalid, expired or revoked.', true);
  }
  return { userId: record.user_id, via: 'oauth', scopes: record.scopes, clientId: record.client_id };
}

/**
 * Bearer authentication of the signed-in user for the management API: the user's API key, or an OAuth
 * access token for that user holding the scope the method needs (`requiredScopes`). Missing, expired,
 * revoked or unknown tokens answer 401 `invalid_token`; a valid token without the scope 401
 * `insufficient_scope` with `scope="..."`; both with Telnyx's error envelope.
 */
export function requireUser(ctx: ServerContext): MiddlewareHandler<{ Variables: CallerVariables }> {
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return next();
    const caller = authenticate(ctx, c);
    if (caller instanceof Response) return caller;
    const needed = requiredScopes(c.req.method);
    if (caller.via === 'oauth' && !needed.some((scope) => caller.scopes?.includes(scope))) {
      return insufficientScope(needed);
    }
    c.set('caller', caller);
    return next();
  };
}

/**
 * The consent endpoints act for the user in person, so they take only the user's first-party session: here
 * the API key, which stands in for the Telnyx portal's signed-in session (the consent page carries it).
 * An OAuth access token is refused with 403 whatever its scopes: otherwise a client the user once signed
 * in to could approve consent requests, for itself or for any other client, without the user.
 */
export function requireFirstPartySession(
  ctx: ServerContext,
): MiddlewareHandler<{ Variables: CallerVariables }> {
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return next();
    const caller = authenticate(ctx, c);
    if (caller instanceof Response) return caller;
    if (caller.via !== 'api_key') {
      return telnyxError(403, [
        telnyxErrorItem(
          TELNYX_CODES.forbidden,
          'Authorization failed',
          'Consent is given by the signed-in user on the consent page; OAuth access tokens cannot read or decide it.',
        ),
      ]);
    }
    c.set('caller', caller);
    return next();
  };
}
