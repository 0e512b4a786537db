import { Hono } from 'hono';
import { authenticateClient } from '../client-authentication.js';
import type { ServerContext } from '../../infra/context.js';
import { oauthError } from '../oauth-errors.js';
import { readBody } from '../../infra/request-body.js';
import { GRANT_TYPES, type GrantType } from '../../infra/state.js';
import { authorizationCodeGrant } from './authorization-code.js';
import { clientCredentialsGrant } from './client-credentials.js';
import { mayUseGrant } from './may-use-grant.js';
import { refreshTokenGrant } from './refresh-token.js';

/**
 * `POST /v2/oauth/token` (RFC 6749 §3.2): reads the body, authenticates the client, dispatches by grant
 * type.
 */
export function tokenRoutes(ctx: ServerContext): Hono {
  const app = new Hono();
  app.post('/v2/oauth/token', async (c) => {
    const body = await readBody(c);
    if (!body.ok) return oauthError(400, 'invalid_request', body.detail);
    const grantType = body.params['grant_type'];
    if (typeof grantType !== 'string' || grantType === '') {
      return oauthError(400, 'invalid_request', 'grant_type is required.');
    }
    if (!GRANT_TYPES.includes(grantType as GrantType)) {
      return oauthError(400, 'unsupported_grant_type', `grant_type '${grantType}' is not supported.`);
    }
    const type = grantType as GrantType;
    ctx.counters.increment(`token:${type}`);
    const auth = authenticateClient(ctx, c, body.params);
    if (!auth.ok) return auth.response;
    if (!mayUseGrant(ctx, auth.client, type)) {
      return oauthError(
        400,
        'unauthorized_client',
        `This client may not use the ${type} grant on this server.`,
      );
    }
    switch (type) {
      case 'authorization_code':
        return authorizationCodeGrant(ctx, auth.client, body.params);
      case 'refresh_token':
        return refreshTokenGrant(ctx, auth.client, body.params);
      case 'client_credentials':
        return clientCredentialsGrant(ctx, auth.client, body.params);
    }
  });
  return app;
}
