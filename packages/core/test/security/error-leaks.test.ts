/**
 * Token material never rides along in an error (issue 11, finding 1). Apps log errors and ship them to error
 * trackers; oauth4webapi attaches what it parsed (a token response that failed validation holds the live access
 * and refresh tokens) or the Response itself to its errors. Whatever fails - the code exchange, a refresh, a
 * revocation, discovery, `auth.fetch` - the thrown error, `getSnapshot().error` and every `error` event carry
 * name, code, message, status and the OAuth error fields only: no token, no code, no body, no Response.
 */
import { inspect } from 'node:util';
import { createDevServer } from '@telnyx-oauth/dev-server';
import { describe, expect, it } from 'vitest';
import { TelnyxAuthError } from '../../src/errors.js';
import { harnessPerTest, signIn } from '../../src/test-utils/harness.js';
import type { AuthEvent } from '../../src/types.js';

const server = createDevServer();
const harness = harnessPerTest(server);

/** Objects that hold a body, headers or URL parameters out of reach of a property walk: never allowed in an error. */
const OPAQUE = [Response, Request, Headers, URLSearchParams, ReadableStream, Blob];

/**
 * Every string reachable from `value` (own properties, enumerable or not, symbols, the prototype's own data
 * properties are not followed), plus the renderings a logger would produce. Fails on an opaque holder.
 */
function reachableText(root: unknown): string {
  const texts: string[] = [];
  const seen = new Set<unknown>();
  const walk = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      texts.push(value);
      return;
    }
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value))
      return;
    seen.add(value);
    for (const type of OPAQUE) {
      expect(value instanceof type, `${path} is a ${type.name}`).toBe(false);
    }
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (descriptor && 'value' in descriptor) walk(descriptor.value, `${path}.${String(key)}`);
    }
  };
  walk(root, 'error');
  texts.push(String(root), inspect(root, { depth: Infinity, showHidden: true }));
  try {
    texts.push(JSON.stringify(root));
  } catch {
    // a cycle: the walk above covered it
  }
  return texts.join('\n');
}

/** Asserts `error` is a TelnyxAuthError and none of `secrets` can be reached from it. */
function expectNoSecrets(error: unknown, secrets: readonly string[]): void {
  expect(error).toBeInstanceOf(TelnyxAuthError);
  const text = reachableText(error);
  for (const secret of secrets) {
    expect(secret.length).toBeGreaterThan(8);
    expect(text.includes(secret), `the error exposes ${secret.slice(0, 8)}…`).toBe(false);
  }
}

/** Everything an app could log: the rejection, the snapshot's error and every `error` event. */
function expectNothingLeaks(
  thrown: unknown,
  client: { getSnapshot(): { error: unknown } },
  events: AuthEvent[],
  secrets: readonly string[],
): void {
  expectNoSecrets(thrown, secrets);
  if (client.getSnapshot().error !== null) expectNoSecrets(client.getSnapshot().error, secrets);
  for (const event of events) if (event.type === 'error') expectNoSecrets(event.error, secrets);
}

function recordEvents(client: { on(listener: (event: AuthEvent) => void): () => void }): AuthEvent[] {
  const events: AuthEvent[] = [];
  client.on((event) => events.push(event));
  return events;
}

/**
 * The dev server, except that successful token responses carry `scope` as a JSON array: valid JSON holding live
 * tokens that oauth4webapi refuses (RFC 6749 §5.1 says a string). `issued` collects the tokens it handed out.
 */
function arrayScopeFetch(issued: string[]): typeof fetch {
  return async (input, init) => {
    const response = await server.fetch(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (!url.pathname.endsWith('/oauth/token') || response.status !== 200) return response;
    const body = (await response.json()) as Record<string, unknown>;
    for (const name of ['access_token', 'refresh_token']) {
      if (typeof body[name] === 'string') issued.push(body[name]);
    }
    return Response.json({ ...body, scope: String(body.scope).split(' ') }, { headers: response.headers });
  };
}

describe('errors carry no token material', () => {
  it('at the code exchange: a token response that fails validation', async () => {
    const issued: string[] = [];
    const client = harness.client({ fetch: arrayScopeFetch(issued) });
    const events = recordEvents(client);
    const authorize = await client.buildAuthorizeUrl();
    const callback = await server.completeAuthorization(authorize);
    const code = new URL(callback).searchParams.get('code') ?? '';
    const thrown = await client.handleRedirectCallback(callback).catch((error: unknown) => error);
    expect(thrown).toMatchObject({ code: 'invalid_response', status: 200 });
    expect(issued).toHaveLength(2);
    expectNothingLeaks(thrown, client, events, [...issued, code]);
  });

  it('at refresh: a refresh response that fails validation', async () => {
    const issued: string[] = [];
    const client = harness.client();
    await signIn(client, server);
    const before = await client.getAccessToken();
    const tab = harness.client({ fetch: arrayScopeFetch(issued) });
    await tab.ready();
    const events = recordEvents(tab);
    const thrown = await tab.getAccessToken({ forceRefresh: true }).catch((error: unknown) => error);
    expect(thrown).toMatchObject({ code: 'invalid_response', recoverable: true });
    expect(issued).toHaveLength(2);
    expectNothingLeaks(thrown, tab, events, [...issued, before]);
  });

  it('at auth.fetch: the refresh after a 401 invalid_token fails validation', async () => {
    const issued: string[] = [];
    const inner = arrayScopeFetch(issued);
    const resource = 'http://127.0.0.1:9/resource';
    const client = harness.client({
      fetch: (input, init) =>
        String(input instanceof Request ? input.url : input) === resource
          ? Promise.resolve(
              new Response(null, {
                status: 401,
                headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
              }),
            )
          : inner(input, init),
    });
    // Sign in through an unmodified tab, so only the refresh goes through the faulty fetch.
    await signIn(harness.client(), server);
    await client.ready();
    const events = recordEvents(client);
    const thrown = await client.authFetch(resource).catch((error: unknown) => error);
    expect(thrown).toMatchObject({ code: 'invalid_response' });
    expect(issued).toHaveLength(2);
    expectNothingLeaks(thrown, client, events, issued);
  });

  it('at revocation: an error answer that echoes the refresh token', async () => {
    const client = harness.client();
    await signIn(client, server);
    const tokens: string[] = [await client.getAccessToken()];
    const tab = harness.client({
      fetch: async (input, init) => {
        const url = new URL(input instanceof Request ? input.url : String(input));
        if (!url.pathname.endsWith('/oauth/revoke')) return server.fetch(input, init);
        const sent = new URLSearchParams(String(init?.body));
        tokens.push(sent.get('token') ?? '');
        return Response.json(
          { error: 'invalid_request', error_description: 'bad token', token: sent.get('token') },
          { status: 400 },
        );
      },
    });
    await tab.ready();
    const events = recordEvents(tab);
    await tab.logout();
    const errors = events.filter((event) => event.type === 'error');
    expect(errors).toHaveLength(1);
    expect(tokens[1]?.length).toBeGreaterThan(8);
    expectNothingLeaks(errors[0]?.type === 'error' ? errors[0].error : null, tab, events, tokens);
  });

  it('at discovery: no Response object is kept', async () => {
    server.faults.inject({ endpoint: 'authorization_server_metadata', status: 500, count: 1 });
    const client = harness.client();
    const events = recordEvents(client);
    const thrown = await client.buildAuthorizeUrl().catch((error: unknown) => error);
    expect(thrown).toMatchObject({ code: 'discovery_failed', recoverable: true });
    expectNothingLeaks(thrown, client, events, []);
  });

  it('at the callback: an error= response keeps no URL parameters (the state and any code)', async () => {
    const client = harness.client();
    const authorize = await client.buildAuthorizeUrl();
    const state = authorize.searchParams.get('state') ?? '';
    const url = new URL('http://localhost:5173/callback');
    url.searchParams.set('error', 'access_denied');
    url.searchParams.set('state', state);
    url.searchParams.set('iss', server.issuer);
    url.searchParams.set('extra_secret', 'should-not-be-kept-anywhere');
    const thrown = await client.handleRedirectCallback(url).catch((error: unknown) => error);
    expect(thrown).toMatchObject({ code: 'authorization_denied', oauthError: 'access_denied' });
    expectNothingLeaks(thrown, client, [], [state, 'should-not-be-kept-anywhere']);
  });
});
