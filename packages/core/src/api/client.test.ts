import { afterEach, describe, expect, it, vi } from 'vitest';
import { TelnyxOAuthAPI, createTelnyxOAuthAPI } from './client.js';
import { ValidationError } from './errors.js';
import { json, scriptedFetch } from './test-utils/scripted-fetch.js';

const TOKEN = { access_token: 'at', token_type: 'Bearer', expires_in: 1800 };

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

describe('base URL', () => {
  it('defaults to https://api.telnyx.com, discovery at the root and the rest under /v2', async () => {
    vi.stubEnv('TELNYX_BASE_URL', '');
    const { fetch, requests } = scriptedFetch(json(200, {}), json(200, { keys: [] }));
    const api = new TelnyxOAuthAPI({ fetch });
    expect(api.baseURL).toBe('https://api.telnyx.com');
    await api.wellKnown.retrieveAuthorizationServerMetadata();
    await api.oauth.retrieveJwks();
    expect(requests.map((r) => r.url.toString())).toEqual([
      'https://api.telnyx.com/.well-known/oauth-authorization-server',
      'https://api.telnyx.com/v2/oauth/jwks',
    ]);
  });

  it('reads the discovery documents of an issuer with a path where RFC 8414 §3.1 and RFC 9728 §3.1 put them', async () => {
    const { fetch, requests } = scriptedFetch(json(200, {}), json(200, {}), json(200, { keys: [] }));
    const api = new TelnyxOAuthAPI({ fetch, baseURL: 'https://idp.example/realms/x/' });
    await api.wellKnown.retrieveAuthorizationServerMetadata();
    await api.wellKnown.retrieveProtectedResourceMetadata();
    await api.oauth.retrieveJwks();
    expect(requests.map((r) => r.url.toString())).toEqual([
      'https://idp.example/.well-known/oauth-authorization-server/realms/x',
      'https://idp.example/.well-known/oauth-protected-resource/realms/x',
      'https://idp.example/realms/x/v2/oauth/jwks',
    ]);
  });

  it('accepts a trailing slash or /v2 (the base URL of Telnyx’s other SDKs)', () => {
    expect(new TelnyxOAuthAPI({ baseURL: 'https://api.telnyx.com/v2/' }).baseURL).toBe(
      'https://api.telnyx.com',
    );
    expect(new TelnyxOAuthAPI({ baseURL: 'http://127.0.0.1:4010/' }).baseURL).toBe('http://127.0.0.1:4010');
    expect(new TelnyxOAuthAPI({ baseURL: 'https://proxy.example/telnyx' }).baseURL).toBe(
      'https://proxy.example/telnyx',
    );
  });

  it('refuses plain http to a non-loopback host and malformed URLs', () => {
    expect(() => new TelnyxOAuthAPI({ baseURL: 'http://api.telnyx.com' })).toThrow(ValidationError);
    expect(() => new TelnyxOAuthAPI({ baseURL: 'api.telnyx.com' })).toThrow(/baseURL/);
    expect(() => new TelnyxOAuthAPI({ maxRetries: -1 })).toThrow(/maxRetries/);
  });

  it('takes the session issuer when bound to one', () => {
    const api = createTelnyxOAuthAPI({
      auth: { issuer: 'http://localhost:4010', getAccessToken: async () => 't' },
    });
    expect(api.baseURL).toBe('http://localhost:4010');
  });
});

describe('credentials', () => {
  it('defaults apiKey to TELNYX_API_KEY', async () => {
    vi.stubEnv('TELNYX_API_KEY', 'KEY_FROM_ENV');
    const { fetch, requests } = scriptedFetch(json(200, { data: {} }));
    await new TelnyxOAuthAPI({ fetch }).oauthGrants.retrieve('g');
    expect(requests[0]?.headers.get('authorization')).toBe('Bearer KEY_FROM_ENV');
  });

  it('prefers accessToken (string or function) over apiKey', async () => {
    const { fetch, requests } = scriptedFetch(json(200, { data: {} }), json(200, { data: {} }));
    await new TelnyxOAuthAPI({ fetch, apiKey: 'K', accessToken: 'AT' }).oauthGrants.retrieve('g');
    await new TelnyxOAuthAPI({ fetch, apiKey: 'K', accessToken: async () => 'AT2' }).oauthGrants.retrieve(
      'g',
    );
    expect(requests.map((r) => r.headers.get('authorization'))).toEqual(['Bearer AT', 'Bearer AT2']);
  });

  it('works where there is no process (browsers): no crash, no key', async () => {
    vi.stubGlobal('process', undefined);
    const { fetch, requests } = scriptedFetch(json(200, {}));
    const api = new TelnyxOAuthAPI({ fetch });
    await api.wellKnown.retrieveProtectedResourceMetadata();
    expect(requests[0]?.headers.get('authorization')).toBeNull();
  });

  it('sends no credentials to public endpoints', async () => {
    const { fetch, requests } = scriptedFetch(json(200, {}), json(200, { keys: [] }), json(201, {}));
    const api = new TelnyxOAuthAPI({ fetch, apiKey: 'SECRET' });
    await api.wellKnown.retrieveAuthorizationServerMetadata();
    await api.oauth.retrieveJwks();
    await api.oauth.register({ client_name: 'x' });
    expect(requests.map((r) => r.headers.get('authorization'))).toEqual([null, null, null]);
  });

  it('refuses createTelnyxOAuthAPI without a session', () => {
    // @ts-expect-error auth is required
    expect(() => createTelnyxOAuthAPI({})).toThrow(ValidationError);
  });
});

describe('client authentication (RFC 6749 §2.3.1)', () => {
  it('sends confidential clients as HTTP Basic with form-urlencoded parts', async () => {
    const { fetch, requests } = scriptedFetch(json(200, TOKEN));
    const api = new TelnyxOAuthAPI({ fetch, apiKey: 'K' });
    await api.oauth.token(
      { grant_type: 'client_credentials' },
      { clientId: 'my client', clientSecret: 'p@ss:wörd' },
    );
    const request = requests[0]!;
    expect(request.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(request.body).toBe('grant_type=client_credentials');
    const basic = request.headers.get('authorization')!.replace(/^Basic /, '');
    const decoded = new TextDecoder().decode(Uint8Array.from(atob(basic), (c) => c.charCodeAt(0)));
    expect(decoded).toBe('my+client:p%40ss%3Aw%C3%B6rd');
  });

  it('puts a public client’s id in the body and sends no Authorization', async () => {
    const { fetch, requests } = scriptedFetch(json(200, TOKEN));
    const api = new TelnyxOAuthAPI({ fetch, apiKey: 'K' });
    await api.oauth.token(
      {
        grant_type: 'authorization_code',
        code: 'c0de',
        code_verifier: 'v',
        redirect_uri: 'https://app.test/cb',
      },
      { clientId: 'public-client' },
    );
    const request = requests[0]!;
    expect(request.headers.get('authorization')).toBeNull();
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({
      grant_type: 'authorization_code',
      code: 'c0de',
      code_verifier: 'v',
      redirect_uri: 'https://app.test/cb',
      client_id: 'public-client',
    });
  });

  it('introspects with Basic client credentials, or the bearer token without them', async () => {
    const { fetch, requests } = scriptedFetch(json(200, { active: true }), json(200, { active: false }));
    const api = new TelnyxOAuthAPI({ fetch, apiKey: 'K' });
    await api.oauth.introspect({ token: 'tok' }, { clientId: 'c', clientSecret: 's' });
    await api.oauth.introspect({ token: 'tok' });
    expect(requests[0]?.headers.get('authorization')).toMatch(/^Basic /);
    expect(requests[1]?.headers.get('authorization')).toBe('Bearer K');
    expect(requests[0]?.body).toBe('token=tok');
  });

  it('introspects at the endpoint a server advertises, only over https or loopback http', async () => {
    const { fetch, requests } = scriptedFetch(json(200, { active: true }));
    const api = new TelnyxOAuthAPI({ fetch, apiKey: 'K' });
    await api.oauth.introspect(
      { token: 'tok' },
      { clientId: 'c', endpoint: 'https://idp.example/token/introspection' },
    );
    expect(requests[0]?.url.toString()).toBe('https://idp.example/token/introspection');
    await expect(
      api.oauth.introspect({ token: 'tok' }, { clientId: 'c', endpoint: 'http://idp.example/introspect' }),
    ).rejects.toMatchObject({ code: 'validation_error', field: 'endpoint' });
    expect(requests).toHaveLength(1);
  });

  it('refuses a client secret without a client id at introspection instead of silently dropping it', async () => {
    const { fetch, requests } = scriptedFetch(json(200, { active: true }));
    const api = new TelnyxOAuthAPI({ fetch, apiKey: 'K' });
    await expect(api.oauth.introspect({ token: 'tok' }, { clientSecret: 's' })).rejects.toMatchObject({
      code: 'validation_error',
      field: 'clientId',
    });
    expect(requests).toHaveLength(0);
  });

  it('never sends the secret twice (Basic and the body): RFC 6749 §2.3 allows one method per request', async () => {
    const { fetch, requests } = scriptedFetch(json(200, { access_token: 'a', token_type: 'Bearer' }));
    const api = new TelnyxOAuthAPI({ fetch });
    await expect(
      api.oauth.token(
        { grant_type: 'client_credentials', client_secret: 's' },
        { clientId: 'c', clientSecret: 's' },
      ),
    ).rejects.toMatchObject({ code: 'validation_error', field: 'client_secret' });
    expect(requests).toHaveLength(0);
  });
});

describe('requests', () => {
  it('adds default and per-request headers', async () => {
    const { fetch, requests } = scriptedFetch(json(200, {}));
    const api = new TelnyxOAuthAPI({ fetch, defaultHeaders: { 'x-app': 'demo' } });
    await api.wellKnown.retrieveAuthorizationServerMetadata({ headers: { 'x-trace': '1' } });
    expect(requests[0]?.headers.get('x-app')).toBe('demo');
    expect(requests[0]?.headers.get('x-trace')).toBe('1');
    expect(requests[0]?.headers.get('accept')).toBe('application/json');
  });

  it('serialises list filters, skipping undefined ones', async () => {
    const { fetch, requests } = scriptedFetch(json(200, { data: [], meta: {} }));
    const api = new TelnyxOAuthAPI({ fetch, apiKey: 'K' });
    await api.oauthClients.list({
      'page[size]': 5,
      'filter[verified]': false,
      'filter[name][contains]': 'a&b',
      'filter[client_id]': undefined,
    });
    expect(requests[0]?.url.search).toBe(
      '?page%5Bsize%5D=5&filter%5Bverified%5D=false&filter%5Bname%5D%5Bcontains%5D=a%26b',
    );
  });

  it('returns the authorize redirect without following it', async () => {
    const location = 'https://app.test/cb?code=x&state=s';
    const { fetch, requests } = scriptedFetch(
      () => new Response(null, { status: 302, headers: { location } }),
    );
    const api = new TelnyxOAuthAPI({ fetch });
    const result = await api.oauth.retrieveAuthorize({
      client_id: 'c',
      redirect_uri: 'https://app.test/cb',
      response_type: 'code',
      state: 's',
      code_challenge: 'abc',
      code_challenge_method: 'S256',
    });
    expect(result).toEqual({ status: 302, location });
    expect(requests[0]?.redirect).toBe('manual');
  });

  it('reports a browser’s opaque redirect as status 0 without a location', async () => {
    // What browsers hand to scripts for redirect: 'manual' (Fetch standard, "opaque-redirect filtered response").
    const opaque = { status: 0, type: 'opaqueredirect', headers: new Headers(), text: async () => '' };
    const fetch = (async () => opaque) as unknown as typeof globalThis.fetch;
    const result = await new TelnyxOAuthAPI({ fetch }).oauth.retrieveAuthorize({
      client_id: 'c',
      redirect_uri: 'https://app.test/cb',
      response_type: 'code',
    });
    expect(result).toEqual({ status: 0, location: null });
  });

  it('reports a 200 page from authorize as status 200 without a location', async () => {
    const { fetch } = scriptedFetch(
      () =>
        new Response('<!doctype html><p>Sign in', { status: 200, headers: { 'content-type': 'text/html' } }),
    );
    const result = await new TelnyxOAuthAPI({ fetch }).oauth.retrieveAuthorize({
      client_id: 'c',
      redirect_uri: 'https://app.test/cb',
      response_type: 'code',
    });
    expect(result).toEqual({ status: 200, location: null });
  });

  it('withOptions makes a new client and keeps the rest', async () => {
    const { fetch, requests } = scriptedFetch(json(200, { data: {} }));
    const api = new TelnyxOAuthAPI({ fetch, apiKey: 'K', timeout: 1000 });
    const patient = api.withOptions({ timeout: 90_000 });
    expect(patient.timeout).toBe(90_000);
    expect(api.timeout).toBe(1000);
    await patient.oauthGrants.retrieve('g');
    expect(requests[0]?.headers.get('authorization')).toBe('Bearer K');
  });
});
