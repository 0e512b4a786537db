/**
 * Network faults at every step (issue 8): discovery, code exchange, refresh, revocation and API calls, each hit
 * by every fault the dev server can inject (latency, a dropped connection, 429 + Retry-After, 500, 503 +
 * Retry-After, malformed JSON, a wrong content type, a huge body). The faults are persistent (they do not run out
 * mid-test), so the request counts prove the retries are bounded: no request storm. Each cell ends in the state
 * the core README documents, with a typed error, and the step works again once the fault clears.
 *
 * Single faults that succeed on retry are covered beside the code: src/refresh.test.ts ("refresh failures"),
 * src/discovery.test.ts, src/revoke.test.ts, src/api/api.dev-server.test.ts ("retries against the dev server").
 */
import { createDevServer, type DevServer } from '@telnyx-oauth/dev-server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { APIError } from '../../src/api/errors.js';
import { createTelnyxOAuthAPI } from '../../src/api/index.js';
import { TelnyxAuthError } from '../../src/errors.js';
import { storageKeys } from '../../src/names.js';
import { harnessPerTest, signIn } from '../../src/test-utils/harness.js';
import { drive, recordEvents } from '../../src/test-utils/fake-time.js';

type Fault = Parameters<DevServer['faults']['inject']>[0];
type FaultShape = Omit<Fault, 'endpoint' | 'count'>;
type Kind = 'slow' | 'transient' | 'garbage';

const FAULTS: [name: string, kind: Kind, fault: FaultShape][] = [
  ['latency 3 s', 'slow', { latencyMs: 3_000 }],
  ['dropped connection', 'transient', { drop: true }],
  ['429 + Retry-After', 'transient', { status: 429, retryAfter: 1 }],
  ['500', 'transient', { status: 500 }],
  ['503 + Retry-After', 'transient', { status: 503, retryAfter: 1 }],
  [
    'malformed JSON',
    'garbage',
    { status: 200, body: '{"access_token": "x", "token_', contentType: 'application/json' },
  ],
  [
    'wrong content type',
    'garbage',
    { status: 200, body: '<html>captive portal</html>', contentType: 'text/html' },
  ],
  [
    'huge body',
    'garbage',
    { status: 200, body: `{"pad":"${'x'.repeat(2_000_000)}`, contentType: 'application/json' },
  ],
];

const server = createDevServer();
const TTL_MS = 1800 * 1000;
const harness = harnessPerTest(server);

beforeEach(() => {
  // IndexedDB and the dev server's WebCrypto run on real time; backoff, Retry-After and latency on fake time.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

const persistent = (endpoint: Fault['endpoint'], fault: FaultShape) =>
  server.faults.inject({ endpoint, count: 1_000, ...fault });

async function signedIn() {
  const client = harness.client();
  await signIn(client, server);
  server.counters.reset();
  return client;
}

describe.each(FAULTS)('%s', (_name, kind, fault) => {
  it('at discovery: discovery_failed (recoverable only when the server may recover), one request, then works', async () => {
    const client = harness.client(); // fresh storage: no cached metadata
    await client.ready();
    persistent('authorization_server_metadata', fault);
    const outcome = await drive(client.buildAuthorizeUrl());
    if (kind === 'slow') expect(outcome).toBeInstanceOf(URL);
    else {
      expect(outcome).toBeInstanceOf(TelnyxAuthError);
      expect(outcome).toMatchObject({ code: 'discovery_failed', recoverable: kind === 'transient' });
      expect(client.getSnapshot()).toMatchObject({
        status: 'unauthenticated',
        error: { code: 'discovery_failed' },
      });
    }
    expect(server.counters.get('authorization_server_metadata')).toBe(1);
    server.faults.clear();
    await expect(drive(client.buildAuthorizeUrl())).resolves.toBeInstanceOf(URL);
  });

  it('at the code exchange: a typed error, exactly one token request (a code is single use), URL cleaned', async () => {
    const client = harness.client();
    const authorize = await client.buildAuthorizeUrl();
    client.window.location.href = await server.completeAuthorization(authorize);
    server.counters.reset();
    persistent('token', fault);
    const outcome = await drive(client.handleRedirectCallback());
    if (kind === 'slow') {
      expect(outcome).toMatchObject({ returnTo: '/' });
      expect(client.getSnapshot().status).toBe('authenticated');
    } else {
      expect(outcome).toBeInstanceOf(TelnyxAuthError);
      const expected =
        kind === 'garbage' ? 'invalid_response' : fault.drop ? 'network_error' : 'code_exchange_failed';
      expect(outcome).toMatchObject({ code: expected });
      expect(client.getSnapshot()).toMatchObject({ status: 'unauthenticated', error: { code: expected } });
    }
    expect(server.counters.get('token')).toBe(1);
    expect(new URL(client.window.location.href).searchParams.has('code')).toBe(false);
    server.faults.clear();
    if (kind !== 'slow') {
      await drive(signIn(client, server)); // the way back: start again
      expect(client.getSnapshot().status).toBe('authenticated');
    }
  });

  it('at refresh: the session is kept (status error), retries are bounded, and it recovers', async () => {
    const client = await signedIn();
    const seen = recordEvents(client);
    persistent('token', fault);
    vi.setSystemTime(Date.now() + TTL_MS + 1_000); // expired: the caller has to wait for the outcome
    const outcome = await drive(client.getAccessToken());
    const refreshes = server.counters.get('token'); // faulted calls count here, not per grant type
    if (kind === 'slow') {
      expect(typeof outcome).toBe('string');
      expect(refreshes).toBe(1);
    } else {
      expect(outcome).toBeInstanceOf(TelnyxAuthError);
      expect(outcome).toMatchObject({
        code: kind === 'garbage' ? 'invalid_response' : 'refresh_failed',
        recoverable: true,
      });
      expect(refreshes).toBe(kind === 'garbage' ? 1 : 3); // 1 + maxRefreshRetries, no storm
      expect(client.getSnapshot()).toMatchObject({
        status: 'error',
        isAuthenticated: true,
        signOutReason: null,
      });
      expect(await harness.storage.get(storageKeys(client.issuer, client.clientId).session)).toMatchObject({
        tokens: { refreshToken: expect.any(String) },
      });
      expect(seen.some((event) => event.type === 'signed_out')).toBe(false);
    }
    server.faults.clear();
    vi.setSystemTime(Date.now() + 60_000); // past any Retry-After
    expect(typeof (await drive(client.getAccessToken()))).toBe('string');
    expect(client.getSnapshot()).toMatchObject({ status: 'authenticated', error: null });
    expect(server.counters.get('refresh_reuse_detected')).toBe(0);
  });

  it('at revocation: signed out locally anyway, one revocation request, a failure reported as an event', async () => {
    const client = await signedIn();
    const seen = recordEvents(client);
    persistent('revoke', fault);
    await expect(drive(client.logout())).resolves.toBeUndefined();
    expect(client.getSnapshot()).toMatchObject({ status: 'unauthenticated', signOutReason: 'logout' });
    expect(await harness.storage.get(storageKeys(client.issuer, client.clientId).session)).toBeUndefined();
    expect(server.counters.get('revoke')).toBe(1);
    const errors = seen.filter((event) => event.type === 'error');
    // RFC 7009 §2.2: only the status matters; a 200 with any body is a successful revocation.
    if (kind === 'transient')
      expect(errors).toMatchObject([{ error: { code: 'network_error', recoverable: true } }]);
    else expect(errors).toEqual([]);
  });

  it('at an API call: a typed APIError after bounded retries; the session is untouched', async () => {
    const client = await signedIn();
    const token = await client.getAccessToken();
    const api = createTelnyxOAuthAPI({ auth: client, fetch: server.fetch });
    persistent('oauth_grants', fault);
    const outcome = await drive(api.oauthGrants.list());
    if (kind === 'slow') expect(outcome).toHaveProperty('data');
    else {
      expect(outcome).toBeInstanceOf(APIError);
      if (kind === 'garbage') expect(outcome).toMatchObject({ code: 'invalid_response' });
    }
    expect(server.counters.get('oauth_grants')).toBe(kind === 'transient' ? 3 : 1); // 1 + maxRetries (2)
    expect(server.counters.get('token')).toBe(0);
    expect(client.getSnapshot().status).toBe('authenticated');
    expect(await client.getAccessToken()).toBe(token);
    server.faults.clear();
    await expect(drive(api.oauthGrants.list())).resolves.toHaveProperty('data');
  });
});
