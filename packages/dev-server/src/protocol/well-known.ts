import { Hono } from 'hono';
import type { ServerContext } from '../infra/context.js';
import { json } from '../infra/http.js';
import { ALL_SCOPES } from './scopes.js';

/** RFC 8414 authorization server metadata, with the optional extras switchable off to match Telnyx. */
export function authorizationServerMetadata(ctx: ServerContext): Record<string, unknown> {
  const { issuer, revocationEndpoint, issParameter } = ctx.config;
  const metadata: Record<string, unknown> = {
    issuer,
    authorization_endpoint: `${issuer}/v2/oauth/authorize`,
    token_endpoint: `${issuer}/v2/oauth/token`,
    introspection_endpoint: `${issuer}/v2/oauth/introspect`,
    jwks_uri: `${issuer}/v2/oauth/jwks`,
    registration_endpoint: `${issuer}/v2/oauth/register`,
    response_types_supported: ['code'],
    grant_types_supported: ['client_credentials', 'authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['none', 'client_secret_basic', 'client_secret_post'],
    scopes_supported: [...ALL_SCOPES],
  };
  if (revocationEndpoint) {
    metadata['revocation_endpoint'] = `${issuer}/v2/oauth/revoke`;
    metadata['revocation_endpoint_auth_methods_supported'] = [
      'none',
      'client_secret_basic',
      'client_secret_post',
    ];
  }
  if (issParameter) metadata['authorization_response_iss_parameter_supported'] = true;
  return metadata;
}

/** The two discovery documents, at the root as Telnyx serves them. */
export function wellKnownRoutes(ctx: ServerContext): Hono {
  const app = new Hono();
  app.get('/.well-known/oauth-authorization-server', () => json(authorizationServerMetadata(ctx)));
  // RFC 9728 protected resource metadata: the resource is the API host, served by this same issuer.
  app.get('/.well-known/oauth-protected-resource', () =>
    json({
      resource: ctx.config.issuer,
      authorization_servers: [ctx.config.issuer],
      scopes_supported: [...ALL_SCOPES],
      bearer_methods_supported: ['header'],
    }),
  );
  return app;
}
