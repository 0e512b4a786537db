import { describe, expect, it } from 'vitest';
import { createDevServer, type DevServer } from '../server.js';
import {
  authorizeUrl,
  basic,
  codeFor,
  exchangeCode,
  expectOAuthError,
  form,
  pkce,
  refresh,
  type TokenBody,
} from '../test-utils/flow.js';

const DEMO_ORIGIN = 'http://localhost:5173';

async function metadata(server: DevServer): Promise<Record<string, unknown>> {
  return (await (await server.fetch('/.well-known/oauth-authorization-server')).json()) as Record<
    string,
    unknown
  >;
}

function preflight(server: DevServer, path: string): Promise<Response> {
  return server.fetch(path, {
    method: 'OPTIONS',
    headers: { Origin: DEMO_ORIGIN, 'Access-Control-Request-Method': 'POST' },
  });
}

async function publicSignIn(server: DevServer): Promise<TokenBody> {
  const { verifier, challenge } = pkce();
  const response = await exchangeCode(server, await codeFor(server, challenge), verifier);
  expect(response.status).toBe(200);
  return (await response.json()) as TokenBody;
}

/** The confidential client's code flow, without PKCE (its record does not require it). */
async function confidentialSignIn(server: DevServer): Promise<TokenBody> {
  const redirectUri = 'http://127.0.0.1:5173/callback';
  const client = server.seed.confidentialClient;
  const location = new URL(
    await server.completeAuthorization(
      authorizeUrl(server, { client_id: client.client_id, redirect_uri: redirectUri }),
    ),
  );
  const code = location.searchParams.get('code') ?? '';
  const response = await server.fetch('/v2/oauth/token', {
    ...form({ grant_type: 'authorization_code', code, redirect_uri: redirectUri }),
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: basic(client.client_id, client.client_secret),
    },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as TokenBody;
}

describe("the 'standard' profile (default): everything a standards-complete server offers", () => {
  it('resolves every switch on', () => {
    expect(createDevServer().config).toMatchObject({
      profile: 'standard',
      revocationEndpoint: true,
      issParameter: true,
      cors: true,
      publicClientRefresh: true,
    });
  });
});

describe("the 'telnyx' profile: only what today's documented Telnyx offers", () => {
  it('resolves every switch off, and shows it in GET /__admin/config', async () => {
    const server = createDevServer({ profile: 'telnyx' });
    const expected = {
      profile: 'telnyx',
      revocationEndpoint: false,
      issParameter: false,
      cors: false,
      publicClientRefresh: false,
    };
    expect(server.config).toMatchObject(expected);
    const response = await server.fetch('/__admin/config');
    expect(((await response.json()) as { config: unknown }).config).toMatchObject(expected);
  });

  it('advertises no revocation endpoint and no RFC 9207 iss, and serves neither', async () => {
    const server = createDevServer({ profile: 'telnyx' });
    const document = await metadata(server);
    expect(document).not.toHaveProperty('revocation_endpoint');
    expect(document).not.toHaveProperty('authorization_response_iss_parameter_supported');
    expect((await server.fetch('/v2/oauth/revoke', form({ token: 'x' }))).status).toBe(404);
    const redirect = new URL(await server.completeAuthorization(authorizeUrl(server, {}, pkce().challenge)));
    expect(redirect.searchParams.get('code')).toBeTruthy();
    expect(redirect.searchParams.has('iss')).toBe(false);
  });

  it('gives the browser no CORS access to the token endpoint', async () => {
    const server = createDevServer({ profile: 'telnyx' });
    expect((await preflight(server, '/v2/oauth/token')).status).toBe(403);
    const response = await server.fetch('/v2/oauth/token', {
      ...form({ grant_type: 'client_credentials' }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: DEMO_ORIGIN },
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    // Discovery and the management API keep theirs.
    const discovery = await server.fetch('/.well-known/oauth-authorization-server', {
      headers: { Origin: DEMO_ORIGIN },
    });
    expect(discovery.headers.get('access-control-allow-origin')).toBe(DEMO_ORIGIN);
  });

  it('issues no refresh token to a public client, and refuses its refresh_token grant', async () => {
    const server = createDevServer({ profile: 'telnyx' });
    const tokens = await publicSignIn(server);
    expect(tokens).not.toHaveProperty('refresh_token');
    await expectOAuthError(await refresh(server, 'anything'), 400, 'unauthorized_client');
  });

  it('still issues and rotates refresh tokens for a confidential client (a token handler)', async () => {
    const server = createDevServer({ profile: 'telnyx' });
    const tokens = await confidentialSignIn(server);
    expect(tokens.refresh_token).toBeTruthy();
    const client = server.seed.confidentialClient;
    const response = await server.fetch('/v2/oauth/token', {
      ...form({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '' }),
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Authorization: basic(client.client_id, client.client_secret),
      },
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as TokenBody).refresh_token).toBeTruthy();
  });

  it('lets individual options override the profile', async () => {
    const server = createDevServer({ profile: 'telnyx', publicClientRefresh: true, cors: true });
    expect(server.config).toMatchObject({
      profile: 'telnyx',
      cors: true,
      publicClientRefresh: true,
      revocationEndpoint: false,
      issParameter: false,
    });
    expect((await publicSignIn(server)).refresh_token).toBeTruthy();
    expect((await preflight(server, '/v2/oauth/token')).status).toBe(204);
    const standard = createDevServer({ revocationEndpoint: false });
    expect(standard.config).toMatchObject({ profile: 'standard', revocationEndpoint: false, cors: true });
  });

  it('refuses an unknown profile', () => {
    expect(() => createDevServer({ profile: 'auth0' as 'telnyx' })).toThrow(/profile/);
  });

  it('keeps the profile across reset()', async () => {
    const server = createDevServer({ profile: 'telnyx' });
    server.config.cors = true;
    server.reset();
    expect(server.config.cors).toBe(false);
    expect(await metadata(server)).not.toHaveProperty('revocation_endpoint');
  });
});

describe('cors: false alone', () => {
  it('refuses preflights to the token and revocation endpoints and sends them no CORS headers', async () => {
    const server = createDevServer({ cors: false });
    for (const path of ['/v2/oauth/token', '/v2/oauth/revoke']) {
      expect((await preflight(server, path)).status).toBe(403);
      const response = await server.fetch(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: DEMO_ORIGIN },
        body: '',
      });
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('access-control-expose-headers')).toBeNull();
    }
    expect((await preflight(server, '/v2/oauth_clients')).status).toBe(204);
    expect((await preflight(server, '/v2/oauth/introspect')).status).toBe(204);
  });

  it('can be switched at runtime', async () => {
    const server = createDevServer();
    expect((await preflight(server, '/v2/oauth/token')).status).toBe(204);
    server.config.cors = false;
    expect((await preflight(server, '/v2/oauth/token')).status).toBe(403);
  });
});

describe('publicClientRefresh: false alone', () => {
  it('refuses a refresh token a public client got before the switch', async () => {
    const server = createDevServer();
    const tokens = await publicSignIn(server);
    server.config.publicClientRefresh = false;
    await expectOAuthError(await refresh(server, tokens.refresh_token ?? ''), 400, 'unauthorized_client');
    server.config.publicClientRefresh = true;
    expect((await refresh(server, tokens.refresh_token ?? '')).status).toBe(200);
  });
});
