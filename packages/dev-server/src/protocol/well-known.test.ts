import { describe, expect, it } from 'vitest';
import { createDevServer } from '../server.js';

describe('discovery documents', () => {
  it('serves RFC 8414 metadata with the issuer as base URL and every endpoint under /v2', async () => {
    const server = createDevServer({ issuer: 'http://127.0.0.1:4999' });
    const response = await server.fetch('/.well-known/oauth-authorization-server');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const metadata = (await response.json()) as Record<string, unknown>;
    expect(metadata).toMatchObject({
      issuer: 'http://127.0.0.1:4999',
      authorization_endpoint: 'http://127.0.0.1:4999/v2/oauth/authorize',
      token_endpoint: 'http://127.0.0.1:4999/v2/oauth/token',
      introspection_endpoint: 'http://127.0.0.1:4999/v2/oauth/introspect',
      jwks_uri: 'http://127.0.0.1:4999/v2/oauth/jwks',
      registration_endpoint: 'http://127.0.0.1:4999/v2/oauth/register',
      revocation_endpoint: 'http://127.0.0.1:4999/v2/oauth/revoke',
      authorization_response_iss_parameter_supported: true,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['none', 'client_secret_basic', 'client_secret_post'],
    });
    expect(metadata['scopes_supported']).toHaveLength(32);
    expect(metadata['grant_types_supported']).toEqual([
      'client_credentials',
      'authorization_code',
      'refresh_token',
    ]);
  });

  it("looks exactly like today's Telnyx when revocation and iss are switched off", async () => {
    const server = createDevServer({ revocationEndpoint: false, issParameter: false });
    const metadata = (await (await server.fetch('/.well-known/oauth-authorization-server')).json()) as object;
    expect(Object.keys(metadata).sort()).toEqual(
      [
        'issuer',
        'authorization_endpoint',
        'token_endpoint',
        'introspection_endpoint',
        'jwks_uri',
        'registration_endpoint',
        'response_types_supported',
        'grant_types_supported',
        'code_challenge_methods_supported',
        'token_endpoint_auth_methods_supported',
        'scopes_supported',
      ].sort(),
    );
  });

  it('reflects runtime config changes in the metadata', async () => {
    const server = createDevServer();
    server.config.revocationEndpoint = false;
    const metadata = (await (await server.fetch('/.well-known/oauth-authorization-server')).json()) as object;
    expect(metadata).not.toHaveProperty('revocation_endpoint');
  });

  it('serves RFC 9728 protected resource metadata naming this server as authorization server', async () => {
    const server = createDevServer({ issuer: 'http://127.0.0.1:4999/' });
    const response = await server.fetch('/.well-known/oauth-protected-resource');
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      resource: 'http://127.0.0.1:4999',
      authorization_servers: ['http://127.0.0.1:4999'],
      bearer_methods_supported: ['header'],
    });
    expect(body['scopes_supported']).toHaveLength(32);
  });

  it('keeps discovery at the root, not under /v2', async () => {
    const server = createDevServer();
    expect((await server.fetch('/v2/.well-known/oauth-authorization-server')).status).toBe(404);
  });
});
