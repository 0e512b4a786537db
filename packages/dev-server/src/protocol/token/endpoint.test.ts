import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CONFIDENTIAL_CLIENT_ID, CONFIDENTIAL_CLIENT_SECRET, PUBLIC_CLIENT_ID } from '../../infra/seed.js';
import { createDevServer } from '../../server.js';
import {
  basic,
  codeFor,
  DEMO_REDIRECT,
  exchangeCode as exchange,
  expectOAuthError,
  form,
  managementStatus,
  pkce,
  refresh,
  signIn,
  type TokenBody,
} from '../../test-utils/flow.js';

const DEMO = PUBLIC_CLIENT_ID;

afterEach(() => {
  vi.useRealTimers();
});

describe('authorization_code grant', () => {
  it('returns an unwrapped Bearer token response with no-store', async () => {
    const server = createDevServer();
    const { verifier, challenge } = pkce();
    const response = await exchange(server, await codeFor(server, challenge), verifier);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as TokenBody;
    expect(body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 1800,
      refresh_token: expect.any(String),
      scope: 'account_management.read account_management.write',
    });
    expect(server.counters.get('token:authorization_code')).toBe(1);
  });

  it('issues JWT access tokens whose signature verifies against the published JWKS', async () => {
    const server = createDevServer();
    const tokens = await signIn(server);
    const jwks = (await (await server.fetch('/v2/oauth/jwks')).json()) as JSONWebKeySet;
    expect(jwks.keys[0]).toMatchObject({
      kty: 'EC',
      crv: 'P-256',
      alg: 'ES256',
      use: 'sig',
      kid: expect.any(String),
    });
    expect(jwks.keys[0]).not.toHaveProperty('d');
    const { payload, protectedHeader } = await jwtVerify(tokens.access_token, createLocalJWKSet(jwks), {
      issuer: server.issuer,
      audience: server.issuer,
      typ: 'at+jwt',
    });
    expect(protectedHeader.kid).toBe(jwks.keys[0]?.kid);
    expect(payload).toMatchObject({ sub: 'usr_dev', client_id: DEMO, scope: tokens.scope });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(1800);
  });

  it('signs with RSA when asked (signingAlg: RS256)', async () => {
    const server = createDevServer({ signingAlg: 'RS256' });
    const tokens = await signIn(server);
    const jwks = (await (await server.fetch('/v2/oauth/jwks')).json()) as JSONWebKeySet;
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256' });
    const { protectedHeader } = await jwtVerify(tokens.access_token, createLocalJWKSet(jwks));
    expect(protectedHeader.alg).toBe('RS256');
  });

  it("refuses a token signed by another server's key", async () => {
    const server = createDevServer();
    const other = createDevServer();
    const tokens = await signIn(other);
    const jwks = (await (await server.fetch('/v2/oauth/jwks')).json()) as JSONWebKeySet;
    expect(decodeProtectedHeader(tokens.access_token).kid).not.toBe(jwks.keys[0]?.kid);
    await expect(jwtVerify(tokens.access_token, createLocalJWKSet(jwks))).rejects.toThrow();
  });

  it('honours a configured access token lifetime changed at runtime', async () => {
    const server = createDevServer();
    server.config.accessTokenTtl = 5;
    expect((await signIn(server)).expires_in).toBe(5);
  });

  it('accepts a JSON body', async () => {
    const server = createDevServer();
    const { verifier, challenge } = pkce();
    const code = await codeFor(server, challenge);
    const response = await server.fetch('/v2/oauth/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'authorization_code',
        code,
        code_verifier: verifier,
        redirect_uri: DEMO_REDIRECT,
        client_id: DEMO,
      }),
    });
    expect(response.status).toBe(200);
  });

  it('fails PKCE with a wrong verifier (invalid_grant), and the code still works with the right one', async () => {
    const server = createDevServer();
    const { verifier, challenge } = pkce();
    const code = await codeFor(server, challenge);
    await expectOAuthError(await exchange(server, code, pkce().verifier), 400, 'invalid_grant');
    expect((await exchange(server, code, verifier)).status).toBe(200);
  });

  it('requires code_verifier when the request carried a challenge', async () => {
    const server = createDevServer();
    const { challenge } = pkce();
    const code = await codeFor(server, challenge);
    const response = await server.fetch(
      '/v2/oauth/token',
      form({ grant_type: 'authorization_code', code, redirect_uri: DEMO_REDIRECT, client_id: DEMO }),
    );
    await expectOAuthError(response, 400, 'invalid_request');
  });

  it('refuses a reused code and revokes the tokens it issued', async () => {
    const server = createDevServer();
    const { verifier, challenge } = pkce();
    const code = await codeFor(server, challenge);
    const first = (await (await exchange(server, code, verifier)).json()) as TokenBody;
    expect(await managementStatus(server, first.access_token)).toBe(200);
    await expectOAuthError(await exchange(server, code, verifier), 400, 'invalid_grant');
    expect(server.counters.get('code_reuse_detected')).toBe(1);
    expect(await managementStatus(server, first.access_token)).toBe(401);
    await expectOAuthError(await refresh(server, first.refresh_token ?? ''), 400, 'invalid_grant');
  });

  it('refuses an expired code (clock from the now option)', async () => {
    let clock = Date.UTC(2026, 0, 1);
    const server = createDevServer({ now: () => clock });
    const { verifier, challenge } = pkce();
    const code = await codeFor(server, challenge);
    clock += 61_000;
    await expectOAuthError(await exchange(server, code, verifier), 400, 'invalid_grant');
  });

  it('accepts a code just before it expires (vitest fake timers drive the default clock)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const server = createDevServer({ authorizationCodeTtl: 10 });
    const { verifier, challenge } = pkce();
    const code = await codeFor(server, challenge);
    vi.setSystemTime(Date.now() + 9_000);
    expect((await exchange(server, code, verifier)).status).toBe(200);
  });

  it('refuses a redirect_uri different from the authorization request', async () => {
    const server = createDevServer();
    const { verifier, challenge } = pkce();
    const code = await codeFor(server, challenge);
    await expectOAuthError(
      await exchange(server, code, verifier, { redirect_uri: 'http://127.0.0.1:5173/callback' }),
      400,
      'invalid_grant',
    );
    const missing = await server.fetch(
      '/v2/oauth/token',
      form({ grant_type: 'authorization_code', code, code_verifier: verifier, client_id: DEMO }),
    );
    await expectOAuthError(missing, 400, 'invalid_grant');
  });

  it('refuses a code presented by another client', async () => {
    const server = createDevServer();
    const { verifier, challenge } = pkce();
    const code = await codeFor(server, challenge);
    const response = await server.fetch('/v2/oauth/token', {
      ...form({
        grant_type: 'authorization_code',
        code,
        code_verifier: verifier,
        redirect_uri: DEMO_REDIRECT,
      }),
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Authorization: basic(CONFIDENTIAL_CLIENT_ID, CONFIDENTIAL_CLIENT_SECRET),
      },
    });
    await expectOAuthError(response, 400, 'invalid_grant');
  });

  it('refuses a code whose grant was revoked in between', async () => {
    const server = createDevServer();
    const { verifier, challenge } = pkce();
    const code = await codeFor(server, challenge);
    server.revokeGrants(DEMO);
    await expectOAuthError(await exchange(server, code, verifier), 400, 'invalid_grant');
  });

  it('refuses an unknown code', async () => {
    const server = createDevServer();
    await expectOAuthError(await exchange(server, 'not-a-code', pkce().verifier), 400, 'invalid_grant');
  });
});

describe('client authentication at the token endpoint', () => {
  it('answers 401 invalid_client for an unknown client', async () => {
    const server = createDevServer();
    await expectOAuthError(
      await exchange(server, 'x', pkce().verifier, { client_id: 'ghost' }),
      401,
      'invalid_client',
    );
  });

  it('answers 401 invalid_client with a Basic challenge for a bad secret', async () => {
    const server = createDevServer();
    const response = await server.fetch('/v2/oauth/token', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Authorization: basic(CONFIDENTIAL_CLIENT_ID, 'wrong'),
      },
      body: 'grant_type=client_credentials',
    });
    expect(response.headers.get('www-authenticate')).toMatch(/^Basic/);
    await expectOAuthError(response, 401, 'invalid_client');
  });

  it('answers 401 for a bad secret in the body and for a confidential client without one', async () => {
    const server = createDevServer();
    for (const params of [{ client_secret: 'wrong' }, {}] as Array<Record<string, string>>) {
      const response = await server.fetch(
        '/v2/oauth/token',
        form({ grant_type: 'client_credentials', client_id: CONFIDENTIAL_CLIENT_ID, ...params }),
      );
      await expectOAuthError(response, 401, 'invalid_client');
    }
  });

  it('refuses two authentication methods at once', async () => {
    const server = createDevServer();
    const response = await server.fetch('/v2/oauth/token', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Authorization: basic(CONFIDENTIAL_CLIENT_ID, CONFIDENTIAL_CLIENT_SECRET),
      },
      body: `grant_type=client_credentials&client_secret=${CONFIDENTIAL_CLIENT_SECRET}`,
    });
    await expectOAuthError(response, 400, 'invalid_request');
  });

  it('answers 401 when no client is identified', async () => {
    const server = createDevServer();
    await expectOAuthError(
      await server.fetch('/v2/oauth/token', form({ grant_type: 'client_credentials' })),
      401,
      'invalid_client',
    );
  });
});

describe('malformed token requests', () => {
  it.each([
    ['a missing grant_type', form({ client_id: DEMO }), 'invalid_request'],
    ['an unknown grant_type', form({ grant_type: 'password', client_id: DEMO }), 'unsupported_grant_type'],
    [
      'malformed JSON',
      { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"grant_type":' },
      'invalid_request',
    ],
    [
      'a JSON array',
      { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '[]' },
      'invalid_request',
    ],
    [
      'a text/plain body',
      { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'grant_type=x' },
      'invalid_request',
    ],
    [
      'a repeated parameter',
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=a&grant_type=b',
      },
      'invalid_request',
    ],
    [
      'a non-string JSON grant_type',
      { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"grant_type":42}' },
      'invalid_request',
    ],
  ] as const)('answers 400 for %s', async (_label, init, error) => {
    const server = createDevServer();
    await expectOAuthError(await server.fetch('/v2/oauth/token', init as RequestInit), 400, error);
  });

  it('answers 400 unauthorized_client when the client may not use the grant', async () => {
    const server = createDevServer();
    const response = await server.fetch(
      '/v2/oauth/token',
      form({ grant_type: 'client_credentials', client_id: DEMO }),
    );
    await expectOAuthError(response, 400, 'unauthorized_client');
  });
});

describe('client_credentials grant', () => {
  it('issues a token without refresh token via Basic auth', async () => {
    const server = createDevServer();
    const response = await server.fetch('/v2/oauth/token', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Authorization: basic(CONFIDENTIAL_CLIENT_ID, CONFIDENTIAL_CLIENT_SECRET),
      },
      body: 'grant_type=client_credentials&scope=numbers.read',
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as TokenBody;
    expect(body).not.toHaveProperty('refresh_token');
    expect(body.scope).toBe('numbers.read');
    expect(server.counters.get('token:client_credentials')).toBe(1);
  });

  it('accepts body credentials and JSON, and defaults to the allowed scopes', async () => {
    const server = createDevServer();
    const response = await server.fetch('/v2/oauth/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: CONFIDENTIAL_CLIENT_ID,
        client_secret: CONFIDENTIAL_CLIENT_SECRET,
      }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as TokenBody).scope.split(' ')).toHaveLength(32);
  });

  it('refuses scopes the client is not allowed', async () => {
    const server = createDevServer();
    // Seeded client 9: confidential, client_credentials only, 5 scopes.
    const response = await server.fetch(
      '/v2/oauth/token',
      form({
        grant_type: 'client_credentials',
        client_id: '5eed0c1e-0000-4000-8000-000000000009',
        client_secret: 'seeded-secret-9',
        scope: 'wireless.write',
      }),
    );
    await expectOAuthError(response, 400, 'invalid_scope');
  });
});
