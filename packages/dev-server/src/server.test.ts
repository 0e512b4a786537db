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
    expect(server.seed.confidentialClient).toMatchObject({
      client_id: 'telnyx-oauth-confidential',
      client_secret: 'dev-confidential-secret',
    });
  });

  it('defaults the config as the contract says', () => {
    const { now, ...config } = createDevServer().config;
    expect(typeof now()).toBe('number');
    expect(config).toEqual({
      issuer: 'http://127.0.0.1:4010',
      accessTokenTtl: 1800,
      refreshTokenTtl: 2_592_000,
      refreshTokenAbsoluteTtl: 2_592_000,
      authorizationCodeTtl: 60,
      rotateRefreshTokens: true,
      reuseGrace: 0,
      revocationEndpoint: true,
      issParameter: true,
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
