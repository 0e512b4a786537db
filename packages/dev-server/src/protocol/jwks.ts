import { Hono } from 'hono';
import type { ServerContext } from '../infra/context.js';
import { json } from '../infra/http.js';

/** `GET /v2/oauth/jwks` (RFC 7517): the public key that signs access tokens. */
export function jwksRoutes(ctx: ServerContext): Hono {
  const app = new Hono();
  app.get('/v2/oauth/jwks', async () => {
    const key = await ctx.keys.signingKey();
    return json({ keys: [key.publicJwk] });
  });
  return app;
}
