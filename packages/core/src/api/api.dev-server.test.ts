/**
 * Every method of the API client against the in-process dev server: the protocol flow end to end,
 * the management API, pagination across page-size edges, each retry rule (counted with
 * server.counters) and the mapping of each status to its error class.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  APIConnectionError,
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
  type OAuthClient,
} from './index.js';
import { devServerHarness, pkcePair } from './test-utils/dev-server.js';

const { server, api, delays, client } = devServerHarness();

beforeEach(() => {
  server.reset();
  delays.length = 0;
});

async function authorizeToConsent(scope = 'account_management.read') {
  const pkce = await pkcePair();
  const redirectUri = server.seed.publicClient.redirect_uris[0]!;
  const authorize = await api.oauth.retrieveAuthorize({
    client_id: server.seed.publicClient.client_id,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope,
    state: 'state-123',
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
  });
  return { authorize, pkce, redirectUri };
}

/** Authorization code flow through the API client only, to a token set of the public client. */
async function signIn(scope = 'account_management.read') {
  const { authorize, pkce, redirectUri } = await authorizeToConsent(scope);
  const consentToken = new URL(authorize.location!).searchParams.get('consent_token')!;
  const { redirect_uri } = await api.oauth.grants({ allowed: true, consent_token: consentToken });
  const code = new URL(redirect_uri).searchParams.get('code')!;
  return api.oauth.token(
    { grant_type: 'authorization_code', code, code_verifier: pkce.verifier, redirect_uri: redirectUri },
    { clientId: server.seed.publicClient.client_id },
  );
}

describe('wellKnown', () => {
  it('retrieves the authorization server metadata', async () => {
    const metadata = await api.wellKnown.retrieveAuthorizationServerMetadata();
    expect(metadata.issuer).toBe(server.issuer);
    expect(metadata.token_endpoint).toBe(`${server.issuer}/v2/oauth/token`);
    expect(metadata.code_challenge_methods_supported).toEqual(['S256']);
    expect(server.counters.get('authorization_server_metadata')).toBe(1);
  });

  it('retrieves the protected resource metadata', async () => {
    const metadata = await api.wellKnown.retrieveProtectedResourceMetadata();
    expect(metadata.resource).toBe(server.issuer);
    expect(metadata.authorization_servers).toContain(server.issuer);
  });
});

describe('oauth (protocol endpoints)', () => {
  it('walks authorize → consent → grants → token → refresh → introspect', async () => {
    const { authorize } = await authorizeToConsent('account_management.read numbers.read');
    expect(authorize.status).toBe(302);
    const consentToken = new URL(authorize.location!).searchParams.get('consent_token');
    expect(consentToken).toBeTruthy();

    const consent = await api.oauth.retrieve(consentToken!);
    expect(consent.data.client_id).toBe(server.seed.publicClient.client_id);
    expect(consent.data.verified).toBe(true);
    expect(consent.data.requested_scopes.map((scope) => scope.id)).toEqual([
      'account_management.read',
      'numbers.read',
    ]);

    const decision = await api.oauth.grants({ allowed: true, consent_token: consentToken! });
    const callback = new URL(decision.redirect_uri);
    expect(callback.searchParams.get('state')).toBe('state-123');
    expect(callback.searchParams.get('code')).toBeTruthy();
  });

  it('exchanges a code, refreshes, and introspects as a public client', async () => {
    const tokens = await signIn();
    expect(tokens.token_type).toBe('Bearer');
    expect(tokens.expires_in).toBeGreaterThan(0);
    expect(tokens.refresh_token).toBeTruthy();

    const publicClient = { clientId: server.seed.publicClient.client_id };
    const refreshed = await api.oauth.token(
      { grant_type: 'refresh_token', refresh_token: tokens.refresh_token! },
      publicClient,
    );
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(server.counters.get('token:refresh_token')).toBe(1);

    const introspection = await api.oauth.introspect({ token: refreshed.access_token }, publicClient);
    expect(introspection).toMatchObject({
      active: true,
      client_id: publicClient.clientId,
      iss: server.issuer,
    });
    expect(introspection.scope).toBe('account_management.read');
  });

  it('reports a denied consent as access_denied on the redirect', async () => {
    const { authorize } = await authorizeToConsent();
    const consentToken = new URL(authorize.location!).searchParams.get('consent_token')!;
    const decision = await api.oauth.grants({ allowed: false, consent_token: consentToken });
    expect(new URL(decision.redirect_uri).searchParams.get('error')).toBe('access_denied');
  });

  it('maps authorize errors: 404 unknown client, 422 unregistered redirect URI', async () => {
    const query = { response_type: 'code', redirect_uri: 'http://localhost:5173/callback' } as const;
    await expect(api.oauth.retrieveAuthorize({ ...query, client_id: 'nope' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(
      api.oauth.retrieveAuthorize({
        ...query,
        client_id: server.seed.publicClient.client_id,
        redirect_uri: 'https://elsewhere.example/cb',
      }),
    ).rejects.toBeInstanceOf(UnprocessableEntityError);
  });

  it('answers 422 for an unknown consent token, with the Telnyx error fields', async () => {
    const error = (await api.oauth.retrieve('not-a-consent-token').catch((e: unknown) => e)) as APIError;
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error.errors[0]?.source?.pointer).toBe('/consent_token');
    expect(error.message).toContain('consent token');
  });

  it('runs client_credentials with HTTP Basic and introspects as the confidential client', async () => {
    const { client_id, client_secret } = server.seed.confidentialClient;
    const credentials = { clientId: client_id, clientSecret: client_secret };
    const tokens = await api.oauth.token(
      { grant_type: 'client_credentials', scope: 'numbers.read' },
      credentials,
    );
    expect(tokens.scope).toBe('numbers.read');
    const introspection = await api.oauth.introspect({ token: tokens.access_token }, credentials);
    expect(introspection.active).toBe(true);
  });

  it('reads RFC 6749 error bodies: invalid_client (401) and invalid_grant (400)', async () => {
    const wrongSecret = await api.oauth
      .token(
        { grant_type: 'client_credentials' },
        { clientId: server.seed.confidentialClient.client_id, clientSecret: 'wrong' },
      )
      .catch((e: unknown) => e);
    expect(wrongSecret).toBeInstanceOf(AuthenticationError);
    expect((wrongSecret as APIError).oauthError).toBe('invalid_client');

    const badCode = await api.oauth
      .token(
        { grant_type: 'authorization_code', code: 'made-up', code_verifier: 'x'.repeat(43) },
        { clientId: server.seed.publicClient.client_id },
      )
      .catch((e: unknown) => e);
    expect(badCode).toBeInstanceOf(BadRequestError);
    expect((badCode as APIError).oauthError).toBe('invalid_grant');
    expect(server.counters.get('token')).toBe(2);
  });

  it('retrieves the JWKS', async () => {
    const { keys } = await api.oauth.retrieveJwks();
    expect(keys.length).toBeGreaterThan(0);
    expect(keys[0]).toMatchObject({ kty: expect.any(String), kid: expect.any(String) });
  });

  it('registers a client dynamically and reports refused metadata', async () => {
    const registered = await api.oauth.register({
      client_name: 'Registered app',
      redirect_uris: ['http://127.0.0.1:9999/cb'],
      token_endpoint_auth_method: 'none',
      scope: 'numbers.read',
    });
    expect(registered.client_id).toBeTruthy();
    expect(registered.token_endpoint_auth_method).toBe('none');
    expect(server.counters.get('register')).toBe(1);

    const refused = (await api.oauth
      .register({ client_name: 'x', scope: 'no.such.scope' })
      .catch((e: unknown) => e)) as APIError;
    expect(refused).toBeInstanceOf(BadRequestError);
    expect(refused.oauthError).toBe('invalid_client_metadata');
  });
});

describe('oauthClients', () => {
  it('creates, retrieves, updates, lists and deletes', async () => {
    const created = await api.oauthClients.create({
      name: 'Integration test client',
      allowed_scopes: ['numbers.read', 'numbers.write'],
      client_type: 'confidential',
      allowed_grant_types: ['client_credentials'],
      logo_uri: 'https://example.com/logo.png',
    });
    const id = created.data.client_id;
    expect(created.data).toMatchObject({ record_type: 'oauth_client', client_type: 'confidential' });
    expect(created.data.client_secret).toEqual(expect.any(String));

    const fetched = await api.oauthClients.retrieve(id);
    expect(fetched.data.name).toBe('Integration test client');

    const updated = await api.oauthClients.update(id, { name: 'Renamed', require_pkce: true });
    expect(updated.data).toMatchObject({ name: 'Renamed', require_pkce: true });

    const found = await api.oauthClients.list({ 'filter[client_id]': id });
    expect(found.data.map((c) => c.client_id)).toEqual([id]);

    await expect(api.oauthClients.delete(id)).resolves.toBeUndefined();
    await expect(api.oauthClients.retrieve(id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('answers 422 with a pointer for a scope outside the allowed list', async () => {
    const error = (await api.oauthClients
      .create({
        name: 'x',
        allowed_scopes: ['no.such.scope'],
        client_type: 'public',
        allowed_grant_types: ['authorization_code'],
      })
      .catch((e: unknown) => e)) as APIError;
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error.errors[0]?.source?.pointer).toMatch(/^\/allowed_scopes/);
    expect(server.counters.get('oauth_clients')).toBe(1);
  });

  it('applies typed filters', async () => {
    const names: string[] = [];
    for await (const c of api.oauthClients.list({
      'filter[client_type]': 'confidential',
      'page[size]': 100,
    })) {
      expect(c.client_type).toBe('confidential');
      names.push(c.name);
    }
    expect(names.length).toBeGreaterThan(50);
    const all = await api.oauthClients.list();
    const verified = await api.oauthClients.list({ 'filter[verified]': true });
    const unverified = await api.oauthClients.list({ 'filter[verified]': false });
    expect(verified.meta.total_results).toBeGreaterThan(0);
    expect(unverified.meta.total_results).toBeGreaterThan(0);
    expect(verified.meta.total_results + unverified.meta.total_results).toBe(all.meta.total_results);
    const named = await api.oauthClients.list({ 'filter[name][contains]': 'Globex', 'page[size]': 100 });
    expect(named.data.length).toBeGreaterThan(0);
    expect(named.data.every((c) => c.name.includes('Globex'))).toBe(true);
    const withGrant = await api.oauthClients.list({
      'filter[allowed_grant_types][contains]': 'client_credentials',
    });
    expect(withGrant.data.every((c) => c.allowed_grant_types.includes('client_credentials'))).toBe(true);
  });
});

describe('oauthGrants', () => {
  it('lists, retrieves and revokes grants', async () => {
    const first = await api.oauthGrants.list();
    expect(first.meta.total_results).toBe(30);
    const grant = first.data[0]!;
    expect(grant.record_type).toBe('oauth_grant');

    const fetched = await api.oauthGrants.retrieve(grant.id);
    expect(fetched.data).toEqual(grant);
    const revoked = await api.oauthGrants.delete(grant.id);
    expect(revoked.data.id).toBe(grant.id);
    await expect(api.oauthGrants.retrieve(grant.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('pagination', () => {
  async function walk(pageSize: number | undefined) {
    server.counters.reset();
    const ids: string[] = [];
    const params = pageSize === undefined ? {} : { 'page[size]': pageSize };
    for await (const c of api.oauthClients.list(params)) ids.push(c.client_id);
    return { ids, requests: server.counters.get('oauth_clients') };
  }

  it.each([1, 11, 100, undefined])('walks every client with page[size]=%s', async (pageSize) => {
    const first = await api.oauthClients.list({ 'page[size]': 100 });
    const total = first.meta.total_results;
    expect(total).toBeGreaterThanOrEqual(250);

    // 11 and 100 leave a partial last page (the seed has 252 clients), 1 the longest walk.
    if (pageSize === 11 || pageSize === 100) expect(total % pageSize).not.toBe(0);
    const { ids, requests } = await walk(pageSize);
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    expect(requests).toBe(Math.ceil(total / (pageSize ?? 20)));
  });

  it('offers hasNextPage, getNextPage and iterPages on pages', async () => {
    const first = await api.oauthClients.list({ 'page[size]': 100 });
    expect(first.meta).toMatchObject({ page_number: 1, page_size: 100 });
    expect(first.hasNextPage()).toBe(true);
    const second = await first.getNextPage();
    expect(second.meta.page_number).toBe(2);
    expect(second.data[0]?.client_id).not.toBe(first.data[0]?.client_id);

    const sizes: number[] = [];
    for await (const page of first.iterPages()) sizes.push(page.data.length);
    const total = first.meta.total_results;
    expect(sizes).toEqual([100, 100, total - 200]);

    const last = await api.oauthClients.list({ 'page[size]': 100, 'page[number]': 3 });
    expect(last.hasNextPage()).toBe(false);
    await expect(last.getNextPage()).rejects.toMatchObject({ code: 'no_next_page' });
  });

  it('stops on an empty page even if the meta claims more', async () => {
    const beyond = await api.oauthGrants.list({ 'page[number]': 99 });
    expect(beyond.data).toEqual([]);
    expect(beyond.hasNextPage()).toBe(false);
    const items: unknown[] = [];
    for await (const grant of beyond) items.push(grant);
    expect(items).toEqual([]);
  });

  it('shares the first page between await and iteration', async () => {
    server.counters.reset();
    const listing = api.oauthGrants.list({ 'page[size]': 50 });
    const page = await listing;
    const all: string[] = [];
    for await (const grant of listing) all.push(grant.id);
    expect(all).toEqual(page.data.map((g) => g.id));
    expect(server.counters.get('oauth_grants')).toBe(1);
  });
});

describe('retries against the dev server', () => {
  it('waits the Retry-After of a 429 and succeeds', async () => {
    server.faults.inject({ endpoint: 'oauth_grants', status: 429, retryAfter: 2 });
    const page = await api.oauthGrants.list();
    expect(page.data.length).toBeGreaterThan(0);
    expect(delays).toEqual([2000]);
    expect(server.counters.get('oauth_grants')).toBe(2);
  });

  it.each([400, 401, 403, 404, 422])('does not retry %i', async (status) => {
    server.faults.inject({ endpoint: 'oauth_clients', status, count: 5 });
    await expect(api.oauthClients.retrieve('x')).rejects.toBeInstanceOf(APIError);
    expect(server.counters.get('oauth_clients')).toBe(1);
    expect(delays).toEqual([]);
  });

  it.each([408, 409, 500, 502, 503, 504])('retries %i and succeeds', async (status) => {
    server.faults.inject({ endpoint: 'jwks', status, count: 2 });
    await expect(api.oauth.retrieveJwks()).resolves.toHaveProperty('keys');
    expect(server.counters.get('jwks')).toBe(3);
    expect(delays).toHaveLength(2);
  });

  it('retries a dropped connection', async () => {
    server.faults.inject({ endpoint: 'oauth_grants', drop: true });
    await expect(api.oauthGrants.list()).resolves.toHaveProperty('data');
    expect(server.counters.get('oauth_grants')).toBe(2);
  });

  it('gives up after maxRetries (default 2): three requests in all', async () => {
    server.faults.inject({ endpoint: 'oauth_grants', status: 503, count: 10 });
    await expect(api.oauthGrants.list()).rejects.toBeInstanceOf(InternalServerError);
    expect(server.counters.get('oauth_grants')).toBe(3);

    server.counters.reset();
    server.faults.inject({ endpoint: 'token', drop: true, count: 10 });
    await expect(
      api.oauth.token(
        { grant_type: 'client_credentials' },
        { clientId: 'x', clientSecret: 'y', maxRetries: 4 },
      ),
    ).rejects.toBeInstanceOf(APIConnectionError);
    expect(server.counters.get('token')).toBe(5);
  });

  it('does not resend a code exchange after a dropped connection, so reuse detection never fires', async () => {
    const { authorize, pkce, redirectUri } = await authorizeToConsent();
    const consentToken = new URL(authorize.location!).searchParams.get('consent_token')!;
    const { redirect_uri } = await api.oauth.grants({ allowed: true, consent_token: consentToken });
    const code = new URL(redirect_uri).searchParams.get('code')!;
    server.faults.inject({ endpoint: 'token', drop: true });
    const exchange = () =>
      api.oauth.token(
        { grant_type: 'authorization_code', code, code_verifier: pkce.verifier, redirect_uri: redirectUri },
        { clientId: server.seed.publicClient.client_id },
      );
    await expect(exchange()).rejects.toBeInstanceOf(APIConnectionError);
    expect(server.counters.get('token')).toBe(1);
    expect(server.counters.get('code_reuse_detected')).toBe(0);
    // The dropped attempt never reached the grant logic here, so the app's own retry still works.
    await expect(exchange()).resolves.toHaveProperty('access_token');
  });

  it('honours maxRetries set on the client', async () => {
    server.faults.inject({ endpoint: 'jwks', status: 500, count: 10 });
    await expect(client({ maxRetries: 0 }).oauth.retrieveJwks()).rejects.toBeInstanceOf(InternalServerError);
    expect(server.counters.get('jwks')).toBe(1);
  });

  it('bounds the retries of the real introspection rate limit', async () => {
    const { client_id, client_secret } = server.seed.confidentialClient;
    const credentials = { clientId: client_id, clientSecret: client_secret };
    const outcomes: unknown[] = [];
    for (let i = 0; i < 7; i++) {
      outcomes.push(await api.oauth.introspect({ token: 'x' }, credentials).catch((e: unknown) => e));
    }
    expect(outcomes.slice(0, 5).every((o) => (o as { active?: boolean }).active === false)).toBe(true);
    expect(outcomes[5]).toBeInstanceOf(RateLimitError);
    expect((outcomes[5] as RateLimitError).headers?.get('retry-after')).toBeTruthy();
    expect(server.counters.get('introspect')).toBeLessThanOrEqual(5 + 2 * 3);
  });
});

describe('status → error class', () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [503, InternalServerError],
  ] as const)('%i → %o, Telnyx envelope parsed', async (status, ErrorClass) => {
    server.faults.inject({ endpoint: 'oauth_clients', status });
    const error = (await api.oauthClients.list(undefined, { maxRetries: 0 }).then(
      () => undefined,
      (e: unknown) => e,
    )) as APIError;
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error.status).toBe(status);
    expect(error.headers).toBeInstanceOf(Headers);
    expect(error.errors.length).toBeGreaterThan(0);
  });

  it('401 from a wrong API key, without retrying', async () => {
    const error = (await client({ apiKey: 'KEYwrong' })
      .oauthGrants.list()
      .then(
        () => undefined,
        (e: unknown) => e,
      )) as APIError;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.errors[0]?.detail).toBeTruthy();
    expect(server.counters.get('oauth_grants')).toBe(1);
  });

  it('401 insufficient_scope (as Telnyx documents it) for a token without account_management scope, not retried', async () => {
    const tokens = await signIn('numbers.read');
    const error = await client({ accessToken: tokens.access_token })
      .oauthClients.list()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({
      name: 'InsufficientScopeError',
      code: 'insufficient_scope',
      status: 401,
      scopes: ['account_management.read'],
    });
    expect((error as AuthenticationError).headers?.get('www-authenticate')).toContain(
      'error="insufficient_scope"',
    );
    expect(server.counters.get('oauth_clients')).toBe(1);
  });

  it('a 200 with a malformed body is an invalid_response error', async () => {
    server.faults.inject({ endpoint: 'jwks', status: 200, body: '{"keys": [' });
    await expect(api.oauth.retrieveJwks()).rejects.toMatchObject({ code: 'invalid_response', status: 200 });
  });
});

describe('bound to a signed-in session', () => {
  it('refreshes once on invalid_token and retries with the new access token', async () => {
    const tokens = await signIn('account_management.read');
    const forced: Array<boolean | undefined> = [];
    // A session whose stored token was revoked early; a forced refresh yields a working one.
    let current = 'revoked-or-expired';
    const auth = {
      issuer: server.issuer,
      getAccessToken: async (options?: { forceRefresh?: boolean }) => {
        forced.push(options?.forceRefresh);
        if (options?.forceRefresh) current = tokens.access_token;
        return current;
      },
    };
    const sessionApi = client({ auth, apiKey: null });
    const clients: OAuthClient[] = [];
    for await (const c of sessionApi.oauthClients.list({ 'page[size]': 100 })) clients.push(c);
    expect(clients.length).toBeGreaterThanOrEqual(250);
    // One refresh for the first page; the two later pages get the refreshed token straight away.
    expect(forced).toEqual([undefined, true, undefined, undefined]);
    expect(server.counters.get('oauth_clients')).toBe(4);
  });
});
