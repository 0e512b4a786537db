import { createDevServer, PUBLIC_CLIENT_ID } from '@telnyx-oauth/dev-server';
import { describe, expect, it } from 'vitest';
import { createTelnyxAuth } from './client.js';
import { TelnyxAuthError } from './errors.js';
import { storageKeys } from './names.js';
import {
  createFakeWindow,
  createHarness,
  harnessPerTest,
  REDIRECT_URI,
  signIn,
} from './test-utils/harness.js';

const server = createDevServer();
const harness = harnessPerTest(server);

async function authorizeAndConsent(client: ReturnType<typeof harness.client>, allowed = true) {
  const url = await client.buildAuthorizeUrl({ returnTo: '/after', appState: { n: 1 } });
  return harness.server.completeAuthorization(url, { allowed });
}

describe('handleRedirectCallback', () => {
  it('completes a full login: PKCE S256, state, code exchange, returnTo and appState', async () => {
    const client = harness.client();
    expect((await client.ready()).status).toBe('unauthenticated');
    const url = await client.buildAuthorizeUrl({ returnTo: '/settings?tab=1#x', appState: { from: 'test' } });
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT_URI);
    expect(url.searchParams.get('scope')).toBe('account_management.read');

    const callback = await harness.server.completeAuthorization(url);
    client.window.location.href = callback;
    const result = await client.handleRedirectCallback();

    expect(result).toEqual({ returnTo: '/settings?tab=1#x', appState: { from: 'test' } });
    const snapshot = client.getSnapshot();
    expect(snapshot).toMatchObject({ status: 'authenticated', isAuthenticated: true, error: null });
    expect(snapshot.scope).toEqual(['account_management.read']);
    expect(snapshot.expiresAt).toBeGreaterThan(Date.now());
    expect(harness.server.counters.get('token:authorization_code')).toBe(1);
  });

  it('removes code, state and iss from the address bar with replaceState, keeping history.state', async () => {
    const client = harness.client();
    const callback = await authorizeAndConsent(client);
    expect(new URL(callback).searchParams.has('iss')).toBe(true);
    client.window.location.href = `${callback}&keep=1#frag`;
    await client.handleRedirectCallback();
    expect(client.window.location.href).toBe(`${REDIRECT_URI}?keep=1#frag`);
    expect(client.window.history.state).toEqual({ app: 'state' });
  });

  it('exchanges the code once when called twice concurrently (React StrictMode)', async () => {
    const client = harness.client();
    const callback = await authorizeAndConsent(client);
    const [first, second] = await Promise.all([
      client.handleRedirectCallback(callback),
      client.handleRedirectCallback(callback),
    ]);
    expect(first).toEqual(second);
    expect(harness.server.counters.get('token:authorization_code')).toBe(1);
    expect(harness.server.counters.get('code_reuse_detected')).toBe(0);
  });

  it('lets a second call without a URL join the first after the address bar was cleaned', async () => {
    const client = harness.client();
    client.window.location.href = await authorizeAndConsent(client);
    const first = client.handleRedirectCallback();
    await client.ready();
    await Promise.resolve();
    expect(client.window.location.href).toBe(REDIRECT_URI);
    const second = client.handleRedirectCallback();
    await expect(second).resolves.toEqual(await first);
    expect(harness.server.counters.get('token:authorization_code')).toBe(1);
  });

  it('answers a later call for the same URL from the first result, without a token request', async () => {
    const client = harness.client();
    const callback = await authorizeAndConsent(client);
    const first = await client.handleRedirectCallback(callback);
    await expect(client.handleRedirectCallback(callback)).resolves.toEqual(first);
    expect(harness.server.counters.get('token:authorization_code')).toBe(1);
  });

  it('refuses a replayed callback after a reload (back button) with unknown_state and keeps the session', async () => {
    const first = harness.client();
    const callback = await signIn(first, harness.server);
    const reloaded = harness.client();
    await expect(reloaded.handleRedirectCallback(callback)).rejects.toMatchObject({ code: 'unknown_state' });
    expect(reloaded.getSnapshot().status).toBe('authenticated');
    expect(harness.server.counters.get('token:authorization_code')).toBe(1);
  });

  it('refuses a forged state without a token request and without touching the session', async () => {
    const client = harness.client();
    await signIn(client, harness.server);
    const token = await client.getAccessToken();
    harness.server.counters.reset();
    const forged = `${REDIRECT_URI}?code=abc&state=forged-state&iss=${encodeURIComponent(harness.server.issuer)}`;
    const error = await client.handleRedirectCallback(forged).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TelnyxAuthError);
    expect(error).toMatchObject({ code: 'unknown_state' });
    expect(harness.server.counters.get('token')).toBe(0);
    expect(client.getSnapshot()).toMatchObject({ status: 'authenticated', error: null });
    expect(await client.getAccessToken()).toBe(token);
  });

  it('rejects a wrong RFC 9207 iss with issuer_mismatch and sends no token request', async () => {
    const client = harness.client();
    const callback = new URL(await authorizeAndConsent(client));
    callback.searchParams.set('iss', 'https://evil.example');
    await expect(client.handleRedirectCallback(callback)).rejects.toMatchObject({ code: 'issuer_mismatch' });
    expect(harness.server.counters.get('token')).toBe(0);
    expect(client.getSnapshot()).toMatchObject({
      status: 'unauthenticated',
      error: { code: 'issuer_mismatch' },
    });
  });

  it('requires iss when the server advertises it', async () => {
    const client = harness.client();
    const callback = new URL(await authorizeAndConsent(client));
    callback.searchParams.delete('iss');
    await expect(client.handleRedirectCallback(callback)).rejects.toMatchObject({ code: 'issuer_mismatch' });
  });

  it('accepts a response without iss from a server that does not advertise it, and still compares one if present', async () => {
    const local = createHarness({ issParameter: false });
    const client = local.client();
    const callback = new URL(await local.server.completeAuthorization(await client.buildAuthorizeUrl()));
    expect(callback.searchParams.has('iss')).toBe(false);
    await client.handleRedirectCallback(callback);
    expect(client.getSnapshot().status).toBe('authenticated');

    const other = local.client();
    const second = new URL(await local.server.completeAuthorization(await other.buildAuthorizeUrl()));
    second.searchParams.set('iss', 'https://evil.example');
    await expect(other.handleRedirectCallback(second)).rejects.toMatchObject({ code: 'issuer_mismatch' });
    local.destroyAll();
  });

  it('maps error=access_denied to authorization_denied, signed out with the error, URL cleaned', async () => {
    const client = harness.client();
    const callback = await authorizeAndConsent(client, false);
    expect(new URL(callback).searchParams.get('error')).toBe('access_denied');
    client.window.location.href = callback;
    const error = await client.handleRedirectCallback().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'authorization_denied', oauthError: 'access_denied' });
    expect(client.getSnapshot()).toMatchObject({ status: 'unauthenticated', error });
    expect(client.window.location.href).toBe(REDIRECT_URI);
    expect(harness.server.counters.get('token')).toBe(0);
  });

  it('maps other error= responses to authorization_error with the OAuth error and description', async () => {
    const client = harness.client();
    const url = await client.buildAuthorizeUrl();
    const state = url.searchParams.get('state') ?? '';
    const callback = `${REDIRECT_URI}?error=temporarily_unavailable&error_description=busy&state=${state}&iss=${encodeURIComponent(harness.server.issuer)}`;
    await expect(client.handleRedirectCallback(callback)).rejects.toMatchObject({
      code: 'authorization_error',
      oauthError: 'temporarily_unavailable',
      oauthErrorDescription: 'busy',
    });
  });

  it('says not_a_callback for a URL with neither code nor error, and missing_state without state', async () => {
    const client = harness.client();
    await expect(client.handleRedirectCallback(`${REDIRECT_URI}?foo=1`)).rejects.toMatchObject({
      code: 'not_a_callback',
    });
    await expect(client.handleRedirectCallback(`${REDIRECT_URI}?code=abc`)).rejects.toMatchObject({
      code: 'missing_state',
    });
    await expect(
      client.handleRedirectCallback(`${REDIRECT_URI}?code=a&state=b&state=c`),
    ).rejects.toMatchObject({
      code: 'missing_state',
    });
  });

  it('maps a refused code exchange (server 5xx) to code_exchange_failed', async () => {
    const client = harness.client();
    const callback = await authorizeAndConsent(client);
    harness.server.faults.inject({ endpoint: 'token', status: 503 });
    await expect(client.handleRedirectCallback(callback)).rejects.toMatchObject({
      code: 'code_exchange_failed',
      status: 503,
    });
    expect(client.getSnapshot().status).toBe('unauthenticated');
  });

  it('maps a malformed token response to invalid_response', async () => {
    const client = harness.client();
    const callback = await authorizeAndConsent(client);
    harness.server.faults.inject({
      endpoint: 'token',
      body: '{"access_token": 1',
      contentType: 'application/json',
    });
    await expect(client.handleRedirectCallback(callback)).rejects.toMatchObject({ code: 'invalid_response' });
  });

  it('lets two tabs sign in at once: transactions are keyed by state', async () => {
    const tabA = harness.client();
    const tabB = harness.client();
    const urlA = await tabA.buildAuthorizeUrl({ returnTo: '/a' });
    const urlB = await tabB.buildAuthorizeUrl({ returnTo: '/b' });
    const callbackA = await harness.server.completeAuthorization(urlA);
    const callbackB = await harness.server.completeAuthorization(urlB);
    await expect(tabB.handleRedirectCallback(callbackB)).resolves.toMatchObject({ returnTo: '/b' });
    await expect(tabA.handleRedirectCallback(callbackA)).resolves.toMatchObject({ returnTo: '/a' });
  });

  it('refuses a transaction older than transactionTtl', async () => {
    const client = harness.client({ transactionTtl: 0 });
    const callback = await authorizeAndConsent(client);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await expect(client.handleRedirectCallback(callback)).rejects.toMatchObject({
      code: 'unknown_state',
      message: expect.stringMatching(/expired/),
    });
  });

  it('deletes stale transactions when a new login starts', async () => {
    const client = harness.client({ transactionTtl: 0 });
    await client.buildAuthorizeUrl();
    await client.buildAuthorizeUrl();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await client.buildAuthorizeUrl();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const keys =
      (await harness.storage.keys?.(storageKeys(client.issuer, client.clientId).transactionPrefix)) ?? [];
    expect(keys.length).toBeLessThanOrEqual(1);
  });

  it('does not clobber the address bar when the app already navigated on', async () => {
    const client = harness.client();
    const callback = await authorizeAndConsent(client);
    client.window.location.href = callback;
    await client.handleRedirectCallback();
    client.window.location.href = 'http://localhost:5173/after';
    await client.handleRedirectCallback(callback);
    expect(client.window.location.href).toBe('http://localhost:5173/after');
  });
});

describe('isRedirectCallback', () => {
  it('recognises code/error + state on the redirect URI only', () => {
    const client = harness.client();
    expect(client.isRedirectCallback(`${REDIRECT_URI}?code=a&state=b`)).toBe(true);
    expect(client.isRedirectCallback(`${REDIRECT_URI}?error=access_denied&state=b`)).toBe(true);
    expect(client.isRedirectCallback(`${REDIRECT_URI}?code=a`)).toBe(false);
    expect(client.isRedirectCallback('http://localhost:5173/other?code=a&state=b')).toBe(false);
    expect(client.isRedirectCallback('http://[bad')).toBe(false);
  });
});

describe('buildAuthorizeUrl and loginWithRedirect', () => {
  it('navigates with location.assign to the authorize URL', async () => {
    const client = harness.client();
    await client.loginWithRedirect({ prompt: 'consent' });
    const assigned = new URL(client.window.assigned[0] ?? '');
    expect(assigned.pathname).toBe('/v2/oauth/authorize');
    expect(assigned.searchParams.get('prompt')).toBe('consent');
  });

  it('adds authorizeParams and per-login extras but refuses to override protocol parameters', async () => {
    const client = harness.client({ authorizeParams: { audience: 'telnyx' } });
    const url = await client.buildAuthorizeUrl({ login_hint: 'dev@example.com', scope: ['a', 'b'] });
    expect(url.searchParams.get('audience')).toBe('telnyx');
    expect(url.searchParams.get('login_hint')).toBe('dev@example.com');
    expect(url.searchParams.get('scope')).toBe('a b');
    await expect(client.buildAuthorizeUrl({ state: 'mine' })).rejects.toMatchObject({
      code: 'invalid_options',
    });
    await expect(client.buildAuthorizeUrl({ code_challenge: 'x' })).rejects.toMatchObject({
      code: 'invalid_options',
    });
    expect(() => harness.client({ authorizeParams: { redirect_uri: 'x' } })).toThrow(TelnyxAuthError);
  });

  it('never turns popup options into authorize parameters (a redirect after login({ popupTimeout }))', async () => {
    const client = harness.client();
    await client.loginWithRedirect({
      popupTimeout: 1_000,
      redirectIfBlocked: true,
      popup: true,
      prompt: 'login',
    });
    const assigned = new URL(client.window.assigned[0] ?? '');
    expect(assigned.searchParams.get('prompt')).toBe('login');
    for (const name of ['popupTimeout', 'redirectIfBlocked', 'popup'])
      expect(assigned.searchParams.has(name)).toBe(false);
  });

  it('works without a window when given the callback URL explicitly (SSR, workers)', async () => {
    const server = createDevServer();
    const client = createTelnyxAuth({
      clientId: PUBLIC_CLIENT_ID,
      redirectUri: REDIRECT_URI,
      issuer: server.issuer,
      fetch: server.fetch,
      storage: 'memory',
      window: null,
      broadcastChannel: null,
    });
    await expect(client.loginWithRedirect()).rejects.toMatchObject({ code: 'invalid_options' });
    const callback = await server.completeAuthorization(await client.buildAuthorizeUrl({ returnTo: '/x' }));
    await expect(client.handleRedirectCallback(callback)).resolves.toEqual({
      returnTo: '/x',
      appState: undefined,
    });
    await expect(client.handleRedirectCallback()).rejects.toMatchObject({ code: 'not_a_callback' });
    client.destroy();
  });

  it('uses the fake window helper', () => {
    expect(createFakeWindow().location.origin).toBe('http://localhost:5173');
  });
});
