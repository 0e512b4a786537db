import type { MiddlewareHandler } from 'hono';
import { nowMs, type ServerContext } from '../infra/context.js';
import { TELNYX_CODES, telnyxError, telnyxErrorItem } from './telnyx-errors.js';
import { SEED_USER } from '../infra/seed.js';
import { isAccessTokenActive } from '../infra/state.js';

export interface Caller {
  userId: string;
  via: 'api_key' | 'oauth';
  /** Set for OAuth access tokens: the token's scopes. */
  scopes?: string[];
  clientId?: string;
}

export type CallerVariables = { caller: Caller };

const REALM = 'Telnyx API';

/** Reads need account_management.read or .write; writes need .write. An API key may do anything. */
export function requiredScopes(method: string): string[] {
  return method === 'GET' || method === 'HEAD'
    ? ['account_management.read', 'account_management.write']
    : ['account_management.write'];
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
 * Bearer authentication of the signed-in user for the management API and the consent endpoints: the
 * seeded user's API key, or an unexpired, unrevoked access token this server issued for that user.
 */
export function requireUser(ctx: ServerContext): MiddlewareHandler<{ Variables: CallerVariables }> {
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return next();
    const header = c.req.header('authorization');
    if (!header) return unauthorized('An Authorization: Bearer header is required.', false);
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) return unauthorized('The Authorization header must be a Bearer token.', true);
    const token = match[1];
    if (token === SEED_USER.apiKey) {
      c.set('caller', { userId: SEED_USER.id, via: 'api_key' });
      return next();
    }
    const record = ctx.state.accessTokens.get(token);
    if (!record || record.user_id === null || !isAccessTokenActive(ctx.state, record, nowMs(ctx))) {
      return unauthorized('The access token is invalid, expired or revoked.', true);
    }
    const needed = requiredScopes(c.req.method);
    if (!needed.some((scope) => record.scopes.includes(scope))) {
      const wanted = needed[needed.length - 1] ?? 'account_management.write';
      return telnyxError(
        403,
        [
          telnyxErrorItem(
            TELNYX_CODES.forbidden,
            'Authorization failed',
            `The access token lacks the scope this endpoint needs (${needed.join(' or ')}).`,
          ),
        ],
        { 'WWW-Authenticate': `Bearer realm="${REALM}", error="insufficient_scope", scope="${wanted}"` },
      );
    }
    c.set('caller', {
      userId: record.user_id,
      via: 'oauth',
      scopes: record.scopes,
      clientId: record.client_id,
    });
    return next();
  };
}
