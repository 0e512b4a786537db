import { Hono } from 'hono';
import { authenticateClient } from './client-authentication.js';
import type { ServerContext } from '../infra/context.js';
import { oauthError } from './oauth-errors.js';
import { readBody } from '../infra/request-body.js';
import { revokeFamily } from '../infra/state.js';
import { notFound } from '../management/telnyx-errors.js';

/** RFC 7009 token revocation; switched off (404, not advertised) to behave like today's Telnyx. */
export function revokeRoutes(ctx: ServerContext): Hono {
  const app = new Hono();
  app.post('/v2/oauth/revoke', async (c) => {
    if (!ctx.config.revocationEndpoint) return notFound(c.req.path);
    const body = await readBody(c);
    if (!body.ok) return oauthError(400, 'invalid_request', body.detail);
    const auth = authenticateClient(ctx, c, body.params);
    if (!auth.ok) return auth.response;
    const token = body.params['token'];
    if (typeof token !== 'string' || token === '')
      return oauthError(400, 'invalid_request', 'token is required.');
    const clientId = auth.client.client_id;
    // RFC 7009 §2.2: unknown tokens and tokens of other clients answer 200 too (nothing to leak).
    const access = ctx.state.accessTokens.get(token);
    if (access && access.client_id === clientId) access.revoked = true;
    const refresh = ctx.state.refreshTokens.get(token);
    // §2.1: revoking a refresh token also invalidates the access tokens of the same authorization.
    if (refresh && refresh.client_id === clientId) revokeFamily(ctx.state, refresh.family_id);
    return new Response(null, { status: 200, headers: { 'Cache-Control': 'no-store' } });
  });
  return app;
}
