import { Hono } from 'hono';
import { authenticateClient } from './client-authentication.js';
import { nowMs, type ServerContext } from '../infra/context.js';
import { json } from '../infra/http.js';
import { oauthError } from './oauth-errors.js';
import { checkIntrospectionLimit } from './introspection-rate-limit.js';
import { readBody } from '../infra/request-body.js';
import { isAccessTokenActive, isRefreshTokenActive } from '../infra/state.js';

/** RFC 7662 token introspection: a client learns about its own tokens only. */
export function introspectRoutes(ctx: ServerContext): Hono {
  const app = new Hono();
  app.post('/v2/oauth/introspect', async (c) => {
    const body = await readBody(c);
    if (!body.ok) return oauthError(400, 'invalid_request', body.detail);
    const auth = authenticateClient(ctx, c, body.params);
    if (!auth.ok) return auth.response;
    const limit = checkIntrospectionLimit(ctx, auth.client.client_id);
    if (!limit.allowed) {
      return oauthError(
        429,
        'rate_limit_exceeded',
        'Too many introspection requests; retry later.',
        limit.headers,
      );
    }
    const token = body.params['token'];
    if (typeof token !== 'string' || token === '') {
      return oauthError(400, 'invalid_request', 'token is required.', limit.headers);
    }
    const headers = { 'Cache-Control': 'no-store', ...limit.headers };
    const now = nowMs(ctx);
    const clientId = auth.client.client_id;
    const access = ctx.state.accessTokens.get(token);
    if (access && access.client_id === clientId && isAccessTokenActive(ctx.state, access, now)) {
      return json(
        {
          active: true,
          aud: ctx.config.issuer,
          client_id: access.client_id,
          exp: Math.floor(access.expires_at / 1000),
          iat: Math.floor(access.issued_at / 1000),
          iss: ctx.config.issuer,
          scope: access.scopes.join(' '),
          sub: access.sub,
          jti: access.jti,
          token_type: 'Bearer',
        },
        200,
        headers,
      );
    }
    const refresh = ctx.state.refreshTokens.get(token);
    if (refresh && refresh.client_id === clientId && isRefreshTokenActive(ctx.state, refresh, now)) {
      const family = ctx.state.families.get(refresh.family_id);
      return json(
        {
          active: true,
          client_id: refresh.client_id,
          exp: Math.floor(refresh.expires_at / 1000),
          iat: Math.floor(refresh.issued_at / 1000),
          iss: ctx.config.issuer,
          scope: refresh.scopes.join(' '),
          sub: family?.user_id ?? refresh.client_id,
          token_type: 'refresh_token',
        },
        200,
        headers,
      );
    }
    // RFC 7662 §2.2: inactive, unknown and foreign tokens all look the same.
    return json({ active: false }, 200, headers);
  });
  return app;
}
