import { createDevServer } from '@telnyx-oauth/dev-server';
import { beforeEach, describe, expect, it } from 'vitest';
import { createTelnyxOAuthAPI } from './api/index.js';
import { createAuthFetch } from './auth-fetch.js';
import { harnessPerTest, signIn, type HarnessClient } from './test-utils/harness.js';

// The server's clock can run ahead of the client's, to expire tokens server-side only (early revocation).
let serverClockOffset = 0;
const server = createDevServer({ now: () => Date.now() + serverClockOffset });
const harness = harnessPerTest(server);
beforeEach(() => {
  serverClockOffset = 0;
});

async function signedIn() {
  const client = harness.client();
  await signIn(client, server);
  server.counters.reset();
  return client;
}

describe('authenticated fetch', () => {
  it('adds the bearer token', async () => {
    const client = await signedIn();
    const response = await client.authFetch(`${server.issuer}/v2/oauth_grants`);
    expect(response.status).toBe(200);
    expect(server.counters.get('token')).toBe(0);
  });

  it('on 401 invalid_token refreshes once and retries once, re-sending the body', async () => {
    const client = await signedIn();
    const old = await client.getAccessToken();
    serverClockOffset = 1801 * 1000; // the server now considers the access token expired
    const seen: string[] = [];
    const recording = harness.client({
      fetch: async (input, init) => {
        const request = new Request(input, init);
        seen.push(`${request.method} ${new URL(request.url).pathname} ${await request.clone().text()}`);
        return server.fetch(request);
      },
    });
    await recording.ready();
    const sent = recording.authFetch(`${server.issuer}/v2/oauth_clients`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x' }),
    });
    // The refreshed token is valid but read-only: 401 insufficient_scope, which is never refreshed again.
    await expect(sent).rejects.toMatchObject({ code: 'insufficient_scope', status: 401 });
    expect(server.counters.get('token:refresh_token')).toBe(1);
    const posts = seen.filter((line) => line.startsWith('POST /v2/oauth_clients'));
    expect(posts).toEqual(['POST /v2/oauth_clients {"name":"x"}', 'POST /v2/oauth_clients {"name":"x"}']);
    expect(await recording.getAccessToken()).not.toBe(old);
  });

  it('returns a 401 without invalid_token untouched, with no refresh', async () => {
    const client = await signedIn();
    const response = await client.authFetch(`${server.issuer}/v2/oauth/consent/nope`);
    expect([401, 403, 404, 422]).toContain(response.status);
    expect(server.counters.get('token')).toBe(0);
  });

  it('rejects a 401 insufficient_scope with insufficient_scope naming the scope: no refresh, no retry', async () => {
    const client = await signedIn(); // account_management.read only
    let posts = 0;
    const counting = harness.client({
      fetch: (input, init) => {
        const request = new Request(input, init);
        if (request.method === 'POST') posts += 1;
        return server.fetch(request);
      },
    });
    await counting.ready();
    const error = await counting
      .authFetch(`${server.issuer}/v2/oauth_clients`, { method: 'POST', body: '{}' })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      name: 'TelnyxAuthError',
      code: 'insufficient_scope',
      status: 401,
      scopes: ['account_management.write'],
      recoverable: false,
    });
    expect(JSON.stringify(error)).not.toContain(await client.getAccessToken());
    expect(posts).toBe(1);
    expect(server.counters.get('token')).toBe(0);
    expect(client.getSnapshot().status).toBe('authenticated'); // the session is not touched
  });

  it('names no scope when the insufficient_scope challenge has no scope attribute', async () => {
    await signedIn();
    const client = harness.client({
      fetch: async (input, init) =>
        new Request(input, init).url.endsWith('/resource')
          ? new Response('{}', {
              status: 401,
              headers: { 'www-authenticate': 'Bearer realm="Telnyx API", error="insufficient_scope"' },
            })
          : server.fetch(input, init),
    });
    await expect(client.authFetch(`${server.issuer}/resource`)).rejects.toMatchObject({
      code: 'insufficient_scope',
      scopes: [],
    });
    expect(server.counters.get('token')).toBe(0);
  });

  it('does not loop: a second 401 after the one retry is returned to the caller', async () => {
    await signedIn();
    let resourceCalls = 0;
    const client = harness.client({
      fetch: async (input, init) => {
        const request = new Request(input, init);
        if (!request.url.endsWith('/resource')) return server.fetch(request);
        resourceCalls += 1;
        return new Response('{}', {
          status: 401,
          headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
        });
      },
    });
    const response = await client.authFetch(`${server.issuer}/resource`);
    expect(response.status).toBe(401);
    expect(await response.text()).toBe('{}'); // the caller's answer, body intact
    expect(resourceCalls).toBe(2);
    expect(server.counters.get('token:refresh_token')).toBe(1);
  });

  it('ends the session with refresh_rejected when the refresh after a 401 is refused', async () => {
    const client = await signedIn();
    serverClockOffset = 100 * 24 * 3600 * 1000; // beyond the refresh token's lifetime too
    await expect(client.authFetch(`${server.issuer}/v2/oauth_grants`)).rejects.toMatchObject({
      code: 'refresh_rejected',
    });
    expect(client.getSnapshot()).toMatchObject({
      status: 'unauthenticated',
      signOutReason: 'refresh_rejected',
    });
    expect(server.counters.get('token')).toBe(1);
  });

  it('refuses to send a token over plain http to a non-loopback host', async () => {
    const client = await signedIn();
    await expect(client.authFetch('http://api.example.com/x')).rejects.toMatchObject({
      code: 'invalid_options',
    });
    await expect(client.authFetch('not a url')).rejects.toMatchObject({ code: 'invalid_options' });
  });
});

describe('a 401 for a token the session has already replaced', () => {
  /**
   * A fetch whose first call to /v2/oauth_grants is refused (401 invalid_token) after the session refreshed
   * while it was in flight; every other call reaches the server. `sent` records the bearer tokens used.
   */
  function refusedAfterRefresh(client: HarnessClient) {
    const sent: string[] = [];
    let refused = false;
    const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const request = new Request(input, init);
      if (new URL(request.url).pathname !== '/v2/oauth_grants') return server.fetch(request);
      sent.push(request.headers.get('authorization') ?? '');
      if (refused) return server.fetch(request);
      refused = true;
      await client.getAccessToken({ forceRefresh: true });
      return new Response(null, {
        status: 401,
        headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
      });
    };
    return { fetch, sent };
  }

  it('createAuthFetch retries with the newer token and refreshes no second time', async () => {
    const client = await signedIn();
    const first = await client.getAccessToken();
    const { fetch, sent } = refusedAfterRefresh(client);
    const response = await createAuthFetch(client, { fetch })(`${server.issuer}/v2/oauth_grants`);
    expect(response.status).toBe(200);
    expect(server.counters.get('token:refresh_token')).toBe(1); // the one in flight, not a second
    expect(sent).toEqual([`Bearer ${first}`, `Bearer ${await client.getAccessToken()}`]);
  });

  it('the API client bound to the session does the same', async () => {
    const client = await signedIn();
    const first = await client.getAccessToken();
    const { fetch, sent } = refusedAfterRefresh(client);
    const api = createTelnyxOAuthAPI({ auth: client, fetch, maxRetries: 0 });
    await expect(api.oauthGrants.list()).resolves.toHaveProperty('data');
    expect(server.counters.get('token:refresh_token')).toBe(1);
    expect(sent).toEqual([`Bearer ${first}`, `Bearer ${await client.getAccessToken()}`]);
  });

  it('getAccessToken({ forceRefresh, rejected }) refreshes only while the session holds the rejected token', async () => {
    const client = await signedIn();
    const first = await client.getAccessToken();
    const second = await client.getAccessToken({ forceRefresh: true, rejected: first });
    expect(second).not.toBe(first);
    expect(await client.getAccessToken({ forceRefresh: true, rejected: first })).toBe(second);
    expect(server.counters.get('token:refresh_token')).toBe(1);
  });
});
