import { describe, expect, it } from 'vitest';
import { createDevServer } from './server.js';

describe('createDevServer', () => {
  it('exposes the documented seed', () => {
    const server = createDevServer({ extraRedirectUris: ['http://localhost:6006/cb'] });
    expect(server.seed.user).toEqual({
      id: 'usr_dev',
      email: 'dev@example.com',
      apiKey: 'KEYdevserver_0123456789abcdef',
    });
    expect(server.seed.publicClient.client_id).toBe('telnyx-oauth-demo');
    expect(server.seed.publicClient.redirect_uris).toEqual([
      'http://localhost:5173/callback',
      'http://127.0.0.1:5173/callback',
      'http://localhost:4173/callback',
      'http://127.0.0.1:4173/callback',
      'http://localhost:6006/cb',
    ]);
    expect(server.seed.publicClient.allowed_scopes).toHaveLength(32);
    expect(server.seed.confidentialClient).toEqual({
      client_id: 'telnyx-oauth-confidential',
      client_secret: 'dev-confidential-secret',
      redirect_uris: [
        'http://localhost:3000/oauth/callback',
        'http://127.0.0.1:3000/oauth/callback',
        'http://127.0.0.1:5173/callback',
        'http://localhost:5173/callback',
        'http://127.0.0.1:4173/callback',
        'http://localhost:4173/callback',
        'http://localhost:6006/cb',
      ],
    });
  });

  it('registers extraRedirectUris with both demo clients, as the management API shows', async () => {
    const server = createDevServer({ extraRedirectUris: ['http://127.0.0.1:4175/callback'] });
    for (const id of ['telnyx-oauth-demo', 'telnyx-oauth-confidential']) {
      const response = await server.fetch(`/v2/oauth_clients/${id}`, {
        headers: { authorization: `Bearer ${server.seed.user.apiKey}` },
      });
      const { data } = (await response.json()) as { data: { redirect_uris: string[] } };
      expect(data.redirect_uris).toContain('http://127.0.0.1:4175/callback');
    }
  });

  it('defaults the config as the contract says', () => {
    const { now, ...config } = createDevServer().config;
    expect(typeof now()).toBe('number');
    expect(config).toEqual({
      profile: 'standard',
      issuer: 'http://127.0.0.1:4010',
      accessTokenTtl: 1800,
      refreshTokenTtl: 2_592_000,
      refreshTokenAbsoluteTtl: 2_592_000,
      authorizationCodeTtl: 60,
      rotateRefreshTokens: true,
      reuseGrace: 0,
      revocationEndpoint: true,
      issParameter: true,
      cors: true,
      publicClientRefresh: true,
      autoConsent: false,
      latencyMs: 0,
      introspectionRateLimit: { limit: 5, windowSeconds: 60 },
      extraRedirectUris: [],
      signingAlg: 'ES256',
    });
  });

  it('resolves relative URLs against the issuer and accepts Request objects', async () => {
    const server = createDevServer();
    expect((await server.fetch('/v2/oauth/jwks')).status).toBe(200);
    expect((await server.fetch(new Request('http://anything.test/v2/oauth/jwks'))).status).toBe(200);
    expect((await server.fetch(new URL('http://127.0.0.1:4010/v2/oauth/jwks'))).status).toBe(200);
  });

  it("keeps each server's state separate", async () => {
    const a = createDevServer();
    const b = createDevServer();
    a.revokeGrants();
    const count = async (server: typeof a) =>
      (
        (await (
          await server.fetch('/v2/oauth_grants', {
            headers: { Authorization: `Bearer ${server.seed.user.apiKey}` },
          })
        ).json()) as {
          meta: { total_results: number };
        }
      ).meta.total_results;
    expect(await count(a)).toBe(0);
    expect(await count(b)).toBe(30);
  });
});

describe('the seeded confidential client (for a token handler)', () => {
  it('may use the demo origins as redirect URIs and holds the refresh_token grant', async () => {
    const server = createDevServer();
    const response = await server.fetch(`/v2/oauth_clients/${server.seed.confidentialClient.client_id}`, {
      headers: { Authorization: `Bearer ${server.seed.user.apiKey}` },
    });
    const { data } = (await response.json()) as {
      data: { redirect_uris: string[]; allowed_grant_types: string[]; client_type: string };
    };
    expect(data.client_type).toBe('confidential');
    expect(data.allowed_grant_types).toContain('refresh_token');
    expect(data.allowed_grant_types).toContain('authorization_code');
    for (const uri of [
      'http://127.0.0.1:5173/callback',
      'http://localhost:5173/callback',
      'http://127.0.0.1:4173/callback',
      'http://localhost:4173/callback',
    ]) {
      expect(data.redirect_uris).toContain(uri);
    }
  });
});
