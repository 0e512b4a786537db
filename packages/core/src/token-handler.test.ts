/**
 * The token-handler transport against the real handler (`createTokenHandler` from @telnyx-oauth/token-handler)
 * in front of the in-process dev server with the `telnyx` profile (no CORS on the token endpoint, no refresh
 * tokens for public clients, no revocation, no `iss`), with two tabs sharing storage, locks and a channel, and
 * one cookie jar: the browser as the handler sees it.
 */
import {
  CONFIDENTIAL_CLIENT_ID,
  CONFIDENTIAL_CLIENT_SECRET,
  createDevServer,
} from '@telnyx-oauth/dev-server';
import { createTokenHandler, generateCookieKey, type TokenHandlerOptions } from '@telnyx-oauth/token-handler';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { storageKeys } from './names.js';
import { APP_ORIGIN, harnessPerTest, signIn, type HarnessClient } from './test-utils/harness.js';
import { expectLogoutToWaitFor, holdRequest } from './test-utils/held-request.js';
import { tokenHandler } from './token-handler.js';
import type { AuthEvent, TelnyxAuthOptions } from './types.js';

const server = createDevServer({ profile: 'telnyx' });
const key = generateCookieKey();

/** Every refresh token the authorization server handed the handler, and every body the browser received. */
let issuedRefreshTokens: string[];
let browserSaw: string[];
let handlerCalls: string[];
let jar: Map<string, string>;
const harness = harnessPerTest(server);

beforeEach(() => {
  issuedRefreshTokens = [];
  browserSaw = [];
  handlerCalls = [];
  jar = new Map();
});
afterEach(() => {
  vi.useRealTimers();
});

function createHandler(overrides: Partial<TokenHandlerOptions> = {}) {
  return createTokenHandler({
    issuer: server.issuer,
    clientId: CONFIDENTIAL_CLIENT_ID,
    clientSecret: CONFIDENTIAL_CLIENT_SECRET,
    cookieKeys: [key],
    allowedOrigins: [APP_ORIGIN],
    fetch: async (input, init) => {
      const response = await server.fetch(input, init);
      const body = (await response
        .clone()
        .json()
        .catch(() => ({}))) as { refresh_token?: string };
      if (body.refresh_token) issuedRefreshTokens.push(body.refresh_token);
      return response;
    },
    ...overrides,
  });
}

/**
 * `fetch` as the app's page runs it: the handler on the app's origin gets `Origin`, `Sec-Fetch-Site` and the
 * cookie jar (and its Set-Cookie fills the jar); the authorization server's answers reach the page only with
 * CORS for the app's origin.
 */
function browserFetch(handler: (request: Request) => Promise<Response>, alter?: (request: Request) => void) {
  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    request.headers.set('origin', APP_ORIGIN);
    if (new URL(request.url).origin !== APP_ORIGIN) {
      const response = await server.fetch(request);
      if (response.headers.get('access-control-allow-origin') !== APP_ORIGIN)
        throw new TypeError('Failed to fetch');
      return response;
    }
    handlerCalls.push(new URL(request.url).pathname);
    request.headers.set('sec-fetch-site', 'same-origin');
    if (jar.size)
      request.headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
    alter?.(request);
    const response = await handler(request);
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (attributes.some((attribute) => /^\s*max-age=0$/i.test(attribute))) jar.delete(name);
      else jar.set(name, value);
    }
    browserSaw.push(await response.clone().text());
    return response;
  };
}

/** A tab of the browser: the confidential client's id (the handler's), the transport, the browser's fetch. */
function tab(
  fetch = browserFetch(createHandler()),
  overrides: Partial<TelnyxAuthOptions> = {},
): HarnessClient {
  return harness.client({ clientId: CONFIDENTIAL_CLIENT_ID, transport: tokenHandler(), fetch, ...overrides });
}

const sessionKey = storageKeys(server.issuer, CONFIDENTIAL_CLIENT_ID).session;
const stored = async () => JSON.stringify(await harness.storage.get(sessionKey)) ?? '';

describe('the token-handler transport', () => {
  it('signs in through the handler: the browser never holds a refresh token, and the session can refresh', async () => {
    const fetch = browserFetch(createHandler());
    const first = tab(fetch);
    await signIn(first, server);
    expect(first.getSnapshot()).toMatchObject({ status: 'authenticated', error: null });
    expect(handlerCalls).toEqual(['/api/auth/token']);
    expect(server.counters.get('token:authorization_code')).toBe(1);
    expect(jar.size).toBe(1); // the HttpOnly session cookie
    const record = (await harness.storage.get(sessionKey)) as { tokens: Record<string, unknown> };
    expect(record.tokens).toMatchObject({ refreshToken: null, refreshable: true });
    expect(issuedRefreshTokens).toHaveLength(1);
    for (const token of issuedRefreshTokens) {
      expect(browserSaw.join('\n')).not.toContain(token);
      expect(await stored()).not.toContain(token);
    }

    // A warm start (another tab, or a reload) uses the stored access token: no request at all.
    server.counters.reset();
    const second = tab(fetch);
    expect((await second.ready()).status).toBe('authenticated');
    expect(server.counters.get('token')).toBe(0);
    expect(handlerCalls).toEqual(['/api/auth/token']);
  });

  it('refreshes once for two tabs whose token is due at once: one upstream refresh, both get it', async () => {
    const fetch = browserFetch(createHandler());
    const first = tab(fetch);
    await signIn(first, server);
    const second = tab(fetch);
    await second.ready();
    const before = await first.getAccessToken();
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 1800_000 - 30_000 }); // within the leeway
    server.counters.reset();
    const [a, b] = await Promise.all([first.getAccessToken(), second.getAccessToken()]);
    expect(a).not.toBe(before);
    expect(b).toBe(a);
    expect(server.counters.get('token:refresh_token')).toBe(1);
    expect(handlerCalls.filter((path) => path.endsWith('/refresh'))).toHaveLength(1);
    expect(server.counters.get('refresh_reuse_detected')).toBe(0);
    for (const token of issuedRefreshTokens) {
      expect(browserSaw.join('\n')).not.toContain(token);
      expect(await stored()).not.toContain(token);
    }
  });

  it('signs every tab out when one logs out, and the handler forgets the session (its cookie is cleared)', async () => {
    const fetch = browserFetch(createHandler());
    const first = tab(fetch);
    await signIn(first, server);
    const second = tab(fetch);
    await second.ready();
    const events: AuthEvent[] = [];
    second.on((event) => events.push(event));
    await first.logout();
    await vi.waitFor(() => expect(second.getSnapshot().status).toBe('unauthenticated'));
    expect(second.getSnapshot().signOutReason).toBe('remote_logout');
    expect(events).toContainEqual({ type: 'signed_out', reason: 'remote_logout' });
    expect(handlerCalls.at(-1)).toBe('/api/auth/logout');
    expect(jar.size).toBe(0);
    expect(await harness.storage.get(sessionKey)).toBeUndefined();
  });

  it('sends /logout with keepalive: true, and logout() resolves only after its answer (issue 11 finding 9)', async () => {
    const held = holdRequest('/api/auth/logout', browserFetch(createHandler()));
    const client = tab(held.fetch);
    await signIn(client, server);
    await expectLogoutToWaitFor(client, held);
    expect(jar.size).toBe(0); // the handler answered: its cookie is cleared
  });

  it.each([
    ['session_expired', 'the authorization server revoked the grant', () => server.revokeGrants()],
    ['no_session', 'the cookie is gone', () => jar.clear()],
  ])('ends the session cleanly on %s (%s), in every tab', async (_code, _why, end) => {
    const fetch = browserFetch(createHandler());
    const first = tab(fetch);
    await signIn(first, server);
    const second = tab(fetch);
    await second.ready();
    end();
    await expect(first.getAccessToken({ forceRefresh: true })).rejects.toMatchObject({
      code: 'refresh_rejected',
      oauthError: _code,
    });
    expect(first.getSnapshot()).toMatchObject({
      status: 'unauthenticated',
      signOutReason: 'refresh_rejected',
    });
    await vi.waitFor(() => expect(second.getSnapshot().signOutReason).toBe('refresh_rejected'));
    expect(await harness.storage.get(sessionKey)).toBeUndefined();
  });

  it('keeps the session when the authorization server is unavailable: refresh_failed, recoverable, with Retry-After', async () => {
    const fetch = browserFetch(createHandler({ maxRetries: 0 }));
    const client = tab(fetch, { maxRefreshRetries: 0 });
    await signIn(client, server);
    server.faults.inject({ endpoint: 'token', status: 503, count: 1 });
    const failure = await client.getAccessToken({ forceRefresh: true }).catch((error: unknown) => error);
    expect(failure).toMatchObject({
      code: 'refresh_failed',
      recoverable: true,
      oauthError: 'upstream_unavailable',
    });
    expect(client.getSnapshot()).toMatchObject({ status: 'error', isAuthenticated: true });
    await expect(client.getAccessToken({ forceRefresh: true })).resolves.toBeTruthy();
    expect(client.getSnapshot()).toMatchObject({ status: 'authenticated', error: null });
  });

  it.each([
    ['origin_not_allowed', 'allowedOrigins', { allowedOrigins: ['https://elsewhere.example'] }, undefined],
    [
      'csrf_header_missing',
      'X-Telnyx-Auth',
      {},
      (request: Request) => request.headers.delete('x-telnyx-auth'),
    ],
    [
      'unsupported_version',
      'contract version',
      {},
      (request: Request) => request.headers.set('x-telnyx-auth', '2'),
    ],
    [
      'redirect_uri_not_allowed',
      'redirectUris',
      { redirectUris: ['http://localhost:5173/other'] },
      undefined,
    ],
  ] as const)(
    'reports %s as a configuration error whose message names the fix (%s)',
    async (code, fix, options, alter) => {
      const client = tab(browserFetch(createHandler(options), alter));
      const failure = await signIn(client, server).catch((error: unknown) => error);
      expect(failure).toMatchObject({ code: 'invalid_options', oauthError: code });
      expect((failure as Error).message).toContain(fix);
      expect(client.getSnapshot()).toMatchObject({ status: 'unauthenticated', error: { oauthError: code } });
    },
  );

  it('takes an unknown error code (even one named like an Object member) for what it is, not a configuration error', async () => {
    const client = tab(async (input, init) =>
      String(input instanceof Request ? input.url : input).endsWith('/api/auth/token')
        ? Response.json({ error: 'constructor' }, { status: 400 })
        : server.fetch(input, init),
    );
    const failure = await signIn(client, server).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'invalid_response', oauthError: 'constructor' });
  });

  it('exchanges a refused code as code_exchange_failed, once', async () => {
    const client = tab();
    const url = await client.buildAuthorizeUrl();
    const callback = new URL(await server.completeAuthorization(url));
    callback.searchParams.set('code', 'not-a-code');
    await expect(client.handleRedirectCallback(callback)).rejects.toMatchObject({
      code: 'code_exchange_failed',
      oauthError: 'invalid_grant',
    });
    expect(handlerCalls).toEqual(['/api/auth/token']);
  });
});
