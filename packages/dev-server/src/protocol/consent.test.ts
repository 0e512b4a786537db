import { describe, expect, it } from 'vitest';
import { SEED_USER } from '../infra/seed.js';
import { createDevServer, type DevServer } from '../server.js';
import { authorizeUrl, bearer, DEMO_REDIRECT, pkce, signIn } from '../test-utils/flow.js';

const API_KEY = bearer(SEED_USER.apiKey);

async function consentToken(
  server: DevServer,
  params: Record<string, string | undefined> = {},
): Promise<string> {
  const response = await server.fetch(authorizeUrl(server, params, pkce().challenge));
  const token = new URL(response.headers.get('location') ?? '').searchParams.get('consent_token');
  if (!token) throw new Error('no consent token');
  return token;
}

function decide(server: DevServer, body: unknown, headers: Record<string, string> = API_KEY) {
  return server.fetch('/v2/oauth/grants', {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('GET /v2/oauth/consent/{consent_token}', () => {
  it('describes the client and the requested scopes inside data', async () => {
    const server = createDevServer();
    const token = await consentToken(server, { scope: 'numbers.read billing.read' });
    const response = await server.fetch(`/v2/oauth/consent/${token}`, { headers: API_KEY });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      data: {
        client_id: 'telnyx-oauth-demo',
        name: 'Telnyx OAuth Demo',
        logo_uri: `${server.issuer}/assets/logo.svg`,
        policy_uri: expect.any(String),
        tos_uri: expect.any(String),
        redirect_uri: DEMO_REDIRECT,
        requested_scopes: [
          { id: 'numbers.read', name: 'Numbers (read)', description: expect.any(String) },
          { id: 'billing.read', name: 'Billing (read)', description: expect.any(String) },
        ],
        verified: true,
      },
    });
    expect(server.counters.get('consent')).toBe(1);
  });

  it('answers 422 in the errors envelope for an unknown consent token', async () => {
    const server = createDevServer();
    const response = await server.fetch('/v2/oauth/consent/bogus', { headers: API_KEY });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { errors: Array<Record<string, unknown>> };
    expect(body.errors[0]).toMatchObject({
      code: expect.any(String),
      title: expect.any(String),
      detail: expect.any(String),
      source: { pointer: '/consent_token' },
    });
  });

  it('answers 422 for an expired consent token', async () => {
    let clock = Date.UTC(2026, 0, 1);
    const server = createDevServer({ now: () => clock });
    const token = await consentToken(server);
    clock += 11 * 60 * 1000;
    expect((await server.fetch(`/v2/oauth/consent/${token}`, { headers: API_KEY })).status).toBe(422);
  });

  it('requires the signed-in user: 401 with a Bearer challenge', async () => {
    const server = createDevServer();
    const token = await consentToken(server);
    const response = await server.fetch(`/v2/oauth/consent/${token}`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="Telnyx API"');
  });
});

describe('POST /v2/oauth/grants', () => {
  it('allowed: returns the client redirect with code, state and iss, and records a grant', async () => {
    const server = createDevServer();
    const token = await consentToken(server);
    const response = await decide(server, { allowed: true, consent_token: token });
    expect(response.status).toBe(200);
    const { redirect_uri } = (await response.json()) as { redirect_uri: string };
    const url = new URL(redirect_uri);
    expect(`${url.origin}${url.pathname}`).toBe(DEMO_REDIRECT);
    expect(url.searchParams.get('code')).toBeTruthy();
    expect(url.searchParams.get('state')).toBe('state-123');
    expect(url.searchParams.get('iss')).toBe(server.issuer);
    const grants = (await (
      await server.fetch('/v2/oauth_grants?page[size]=100', { headers: API_KEY })
    ).json()) as {
      data: Array<{ client_id: string; scopes: string[] }>;
    };
    expect(grants.data.find((grant) => grant.client_id === 'telnyx-oauth-demo')?.scopes).toEqual([
      'account_management.read',
      'account_management.write',
    ]);
  });

  it('denied: returns error=access_denied with state and iss, and records no grant', async () => {
    const server = createDevServer();
    const token = await consentToken(server);
    const { redirect_uri } = (await (
      await decide(server, { allowed: false, consent_token: token })
    ).json()) as { redirect_uri: string };
    const url = new URL(redirect_uri);
    expect(url.searchParams.get('error')).toBe('access_denied');
    expect(url.searchParams.get('state')).toBe('state-123');
    expect(url.searchParams.get('iss')).toBe(server.issuer);
    expect(url.searchParams.has('code')).toBe(false);
    expect(server.counters.get('grants')).toBe(1);
  });

  it('accepts a form-encoded decision too', async () => {
    const server = createDevServer();
    const token = await consentToken(server);
    const response = await server.fetch('/v2/oauth/grants', {
      method: 'POST',
      headers: { ...API_KEY, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `allowed=true&consent_token=${token}`,
    });
    expect(response.status).toBe(200);
  });

  it('uses a consent token once', async () => {
    const server = createDevServer();
    const token = await consentToken(server);
    expect((await decide(server, { allowed: true, consent_token: token })).status).toBe(200);
    expect((await decide(server, { allowed: true, consent_token: token })).status).toBe(422);
  });

  it.each([
    [{ consent_token: 'x' }, '/allowed'],
    [{ allowed: 'yes', consent_token: 'x' }, '/allowed'],
    [{ allowed: true }, '/consent_token'],
  ])('answers 422 with a pointer for %j', async (body, pointer) => {
    const server = createDevServer();
    const response = await decide(server, body);
    expect(response.status).toBe(422);
    expect(
      ((await response.json()) as { errors: Array<{ source: { pointer: string } }> }).errors[0]?.source
        .pointer,
    ).toBe(pointer);
  });

  it('answers 400 for malformed JSON and 415 for a wrong content type', async () => {
    const server = createDevServer();
    const malformed = await server.fetch('/v2/oauth/grants', {
      method: 'POST',
      headers: { ...API_KEY, 'Content-Type': 'application/json' },
      body: '{',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toHaveProperty('errors');
    const wrongType = await server.fetch('/v2/oauth/grants', {
      method: 'POST',
      headers: { ...API_KEY, 'Content-Type': 'text/plain' },
      body: 'hi',
    });
    expect(wrongType.status).toBe(415);
  });

  it('never approves with an OAuth access token, even one holding account_management.write', async () => {
    const server = createDevServer();
    // A client the user signed in to must not be able to approve consent for itself (or another client).
    const tokens = await signIn(server, 'account_management.read account_management.write');
    const token = await consentToken(server, { scope: 'numbers.read numbers.write' });
    const approved = await decide(
      server,
      { allowed: true, consent_token: token },
      bearer(tokens.access_token),
    );
    expect(approved.status).toBe(403);
    expect(approved.headers.get('www-authenticate')).toBeNull();
    expect(((await approved.json()) as { errors: Array<{ code: string }> }).errors[0]?.code).toBe('10010');
    const read = await server.fetch(`/v2/oauth/consent/${token}`, { headers: bearer(tokens.access_token) });
    expect(read.status).toBe(403);
    // The consent token was not used up: the user can still decide on the consent page.
    expect((await decide(server, { allowed: true, consent_token: token })).status).toBe(200);
  });
});

describe('the consent surface is first-party only', () => {
  it('gives no CORS access to the consent page or the consent API, even to a registered client origin', async () => {
    const server = createDevServer();
    const origin = 'http://localhost:5173'; // the demo client's origin, allowed everywhere else
    const page = await server.fetch('/consent?consent_token=x', { headers: { Origin: origin } });
    expect(page.status).toBe(200);
    expect(page.headers.get('access-control-allow-origin')).toBeNull();
    for (const path of ['/v2/oauth/grants', '/v2/oauth/consent/x']) {
      const preflight = await server.fetch(path, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' },
      });
      expect(preflight.status).toBe(403);
      const actual = await server.fetch(path, { headers: { ...API_KEY, Origin: origin } });
      expect(actual.headers.get('access-control-allow-origin')).toBeNull();
    }
    // Elsewhere that origin keeps its CORS access.
    const token = await server.fetch('/v2/oauth/token', { method: 'POST', headers: { Origin: origin } });
    expect(token.headers.get('access-control-allow-origin')).toBe(origin);
  });
});

describe('completeAuthorization', () => {
  it('returns the error redirect when authorize fails after trusting the redirect URI', async () => {
    const server = createDevServer();
    const url = new URL(
      await server.completeAuthorization(authorizeUrl(server, { scope: 'bogus' }, pkce().challenge)),
    );
    expect(url.searchParams.get('error')).toBe('invalid_scope');
  });

  it('rejects with AuthorizationFlowError when authorize answers an HTML error', async () => {
    const server = createDevServer();
    await expect(
      server.completeAuthorization(authorizeUrl(server, { client_id: 'nope' }, pkce().challenge)),
    ).rejects.toMatchObject({
      name: 'AuthorizationFlowError',
      code: 'authorization_flow_failed',
      status: 404,
    });
  });

  it('returns access_denied when allowed is false', async () => {
    const server = createDevServer();
    const url = new URL(
      await server.completeAuthorization(authorizeUrl(server, {}, pkce().challenge), { allowed: false }),
    );
    expect(url.searchParams.get('error')).toBe('access_denied');
  });
});
