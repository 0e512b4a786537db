/** The transport: over real sockets against the dev server on 127.0.0.1 (port 0), request deadlines, keepalive. */
import {
  createDevServer,
  PUBLIC_CLIENT_ID,
  startDevServer,
  type RunningDevServer,
} from '@telnyx-oauth/dev-server';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTelnyxAuth } from './client.js';
import { createAuthFetch } from './auth-fetch.js';
import { createFakeWindow, harnessPerTest, REDIRECT_URI, signIn } from './test-utils/harness.js';
import { expectLogoutToWaitFor, holdRequest } from './test-utils/held-request.js';

let running: RunningDevServer;
beforeAll(async () => {
  running = await startDevServer({ port: 0, host: '127.0.0.1' });
});
afterAll(() => running.close());

describe('over HTTP', () => {
  it('signs in, refreshes and survives a dropped connection using the global fetch', async () => {
    const win = createFakeWindow();
    const client = createTelnyxAuth({
      clientId: PUBLIC_CLIENT_ID,
      redirectUri: REDIRECT_URI,
      scope: 'account_management.read',
      issuer: running.url,
      storage: 'memory',
      window: win as unknown as Pick<Window, 'location' | 'history'>,
      broadcastChannel: null,
      maxRetryDelay: 3000,
    });
    const callback = await running.server.completeAuthorization(await client.buildAuthorizeUrl());
    win.location.href = callback;
    await client.handleRedirectCallback();
    expect(client.getSnapshot().status).toBe('authenticated');
    const first = await client.getAccessToken();

    const grants = await createAuthFetch(client)(`${running.url}/v2/oauth_grants`);
    expect(grants.status).toBe(200);

    running.server.faults.inject({ endpoint: 'token', drop: true, count: 1 });
    const refreshed = await client.getAccessToken({ forceRefresh: true });
    expect(refreshed).not.toBe(first);
    expect(running.server.counters.get('token:refresh_token')).toBeGreaterThanOrEqual(1);
    expect(running.server.counters.get('refresh_reuse_detected')).toBe(0);

    await client.logout();
    expect(running.server.counters.get('revoke')).toBe(1);
    client.destroy();
  });
});

describe('every token, discovery and revocation request has a deadline (issue 11 finding 6)', () => {
  const server = createDevServer();
  const harness = harnessPerTest(server);
  const timeout = AbortSignal.timeout;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
    AbortSignal.timeout = timeout;
  });

  /** The in-process dev server answers 499 to an abandoned request; a real fetch rejects with the abort reason. */
  const abortable: typeof fetch = (input, init) =>
    new Promise((resolve, reject) => {
      init?.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true });
      server.fetch(input, init).then(resolve, reject);
    });

  it('cuts off a hung refresh where AbortSignal.timeout is missing (Safari 15.4-15.x), releasing the lock', async () => {
    const client = harness.client({ requestTimeout: 1_000, maxRefreshRetries: 0, fetch: abortable });
    await signIn(client, server);
    // Safari 15.4-15.x has Web Locks but no AbortSignal.timeout.
    (AbortSignal as { timeout?: unknown }).timeout = undefined;
    server.faults.inject({ endpoint: 'token', latencyMs: 3_600_000, count: 1 });
    let settled = false;
    const pending = client.getAccessToken({ forceRefresh: true }).catch((error: unknown) => error);
    void pending.finally(() => (settled = true));
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.waitUntil(() => settled, { interval: 1 });
    expect(await pending).toMatchObject({ code: 'refresh_failed', recoverable: true });
    expect(client.getSnapshot()).toMatchObject({ status: 'error', isAuthenticated: true });
    // The lock was released: the next refresh runs (and succeeds once the server answers again).
    await expect(client.getAccessToken({ forceRefresh: true })).resolves.toMatch(/.+/);
  });

  it('leaves no timer behind once a request is over', async () => {
    const client = harness.client();
    await signIn(client, server);
    await client.getAccessToken({ forceRefresh: true });
    await client.logout();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('a server that sends headers, then stalls the body', () => {
  it('is cut off by requestTimeout too (the body is read under the deadline)', async () => {
    const sockets = new Set<Socket>();
    const stalling = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"issuer":'); // ... and nothing more
    });
    stalling.on('connection', (socket) => sockets.add(socket));
    await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
    const { port } = stalling.address() as AddressInfo;
    try {
      const client = createTelnyxAuth({
        clientId: PUBLIC_CLIENT_ID,
        redirectUri: REDIRECT_URI,
        issuer: `http://127.0.0.1:${port}`,
        storage: 'memory',
        window: createFakeWindow() as unknown as Pick<Window, 'location' | 'history'>,
        broadcastChannel: null,
        requestTimeout: 200,
      });
      await expect(client.buildAuthorizeUrl()).rejects.toMatchObject({
        code: 'discovery_failed',
        recoverable: true,
      });
      client.destroy();
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => stalling.close(resolve));
    }
  });
});

describe('revocation on sign-out survives the page going away (issue 11 finding 9)', () => {
  const server = createDevServer();
  const harness = harnessPerTest(server);

  it('sends the revocation with keepalive: true, and logout() resolves only after its answer', async () => {
    const held = holdRequest('/oauth/revoke', server.fetch);
    const client = harness.client({ fetch: held.fetch });
    await signIn(client, server);
    await expectLogoutToWaitFor(client, held);
    expect(server.counters.get('revoke')).toBe(1);
  });

  it('sends the other requests without keepalive (it is limited to 64 KB in flight per page)', async () => {
    const inits: RequestInit[] = [];
    const client = harness.client({
      fetch: (input, init) => {
        inits.push(init ?? {});
        return server.fetch(input, init);
      },
    });
    await signIn(client, server);
    await client.getAccessToken({ forceRefresh: true });
    expect(inits.length).toBeGreaterThan(0);
    expect(inits.every((init) => init.keepalive !== true)).toBe(true);
  });
});
