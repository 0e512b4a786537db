import { createDevServer } from '@telnyx-oauth/dev-server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { refreshLockName, storageKeys } from './names.js';
import type { SessionRecord } from './storage/schema.js';
import { harnessPerTest, signIn } from './test-utils/harness.js';
import type { AuthEvent, TelnyxAuthOptions } from './types.js';

const server = createDevServer();
const harness = harnessPerTest(server);
const TTL_MS = 1800 * 1000;

beforeEach(() => {
  // IndexedDB (fake-indexeddb) schedules with setImmediate, so only timeouts and the clock are faked.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Lets real asynchronous work (the dev server's WebCrypto signing) finish while fake timers stand still. */
function settleRealWork(ms = 100): Promise<void> {
  const end = performance.now() + ms;
  return new Promise((resolve) => {
    const tick = (): void => (performance.now() >= end ? resolve() : void setImmediate(tick));
    tick();
  });
}

async function signedIn(overrides: Partial<TelnyxAuthOptions> = {}) {
  const client = harness.client(overrides);
  await signIn(client, server);
  server.counters.reset();
  return client;
}

/** Moves the clock (client and dev server share it) to `ms` before the access token expires. */
function advanceToBeforeExpiry(ms: number): void {
  vi.setSystemTime(Date.now() + TTL_MS - ms);
}

function sessionKey(client: { issuer: string; clientId: string }) {
  return storageKeys(client.issuer, client.clientId).session;
}

async function storedSession(client: { issuer: string; clientId: string }) {
  return harness.storage.get<SessionRecord>(sessionKey(client));
}

describe('getAccessToken', () => {
  it('returns the stored token with no request and no lock while it is fresh', async () => {
    const client = await signedIn();
    const lockSpy = vi.spyOn(harness.locks, 'request');
    const token = await client.getAccessToken();
    expect(await client.getAccessToken()).toBe(token);
    expect(lockSpy).not.toHaveBeenCalled();
    expect(server.counters.get('token')).toBe(0);
  });

  it('refreshes exactly once for concurrent callers when the token is within the leeway', async () => {
    const client = await signedIn();
    const old = await client.getAccessToken();
    const before = client.getSnapshot().expiresAt ?? 0;
    advanceToBeforeExpiry(30_000);
    const tokens = await Promise.all([1, 2, 3, 4, 5].map(() => client.getAccessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(old);
    expect(server.counters.get('token:refresh_token')).toBe(1);
    expect(client.getSnapshot()).toMatchObject({ status: 'authenticated', error: null });
    expect(client.getSnapshot().expiresAt).toBeGreaterThan(before);
  });

  it('lets two tabs that both need a refresh share one token request (rotation on, no reuse detected)', async () => {
    const tabA = await signedIn();
    const tabB = harness.client();
    await tabB.ready();
    advanceToBeforeExpiry(10_000);
    const tokens = await Promise.all([tabA.getAccessToken(), tabB.getAccessToken(), tabB.getAccessToken()]);
    expect(new Set(tokens).size).toBe(1);
    expect(server.counters.get('token:refresh_token')).toBe(1);
    expect(server.counters.get('refresh_reuse_detected')).toBe(0);
  });

  it('adopts the tokens another tab stored, even without a broadcast, instead of spending a rotated refresh token', async () => {
    const tabA = await signedIn({ broadcastChannel: null });
    const tabB = harness.client({ broadcastChannel: null });
    await tabB.ready();
    advanceToBeforeExpiry(10_000);
    const fromB = await tabB.getAccessToken();
    expect(server.counters.get('token:refresh_token')).toBe(1);
    // Tab A still holds the old tokens in memory; under the lock it re-reads storage and adopts B's.
    expect(await tabA.getAccessToken()).toBe(fromB);
    expect(server.counters.get('token:refresh_token')).toBe(1);
    expect(server.counters.get('refresh_reuse_detected')).toBe(0);
  });

  it('updates another tab over the broadcast channel without a request or a reload', async () => {
    const tabA = await signedIn();
    const tabB = harness.client();
    await tabB.ready();
    const events: AuthEvent[] = [];
    tabB.on((event) => events.push(event));
    const token = await tabA.getAccessToken({ forceRefresh: true });
    await vi.waitFor(() => expect(events).toContainEqual(expect.objectContaining({ type: 'refreshed' })));
    expect(await tabB.getAccessToken()).toBe(token);
    expect(tabB.getSnapshot().expiresAt).toBe(tabA.getSnapshot().expiresAt);
    expect(server.counters.get('token:refresh_token')).toBe(1);
  });

  it('replaces a rotated refresh token, and keeps the old one when the response has none', async () => {
    const client = await signedIn();
    const first = (await storedSession(client))?.tokens.refreshToken;
    await client.getAccessToken({ forceRefresh: true });
    const rotated = (await storedSession(client))?.tokens.refreshToken;
    expect(rotated).toBeTruthy();
    expect(rotated).not.toBe(first);

    server.config.rotateRefreshTokens = false;
    await client.getAccessToken({ forceRefresh: true });
    expect((await storedSession(client))?.tokens.refreshToken).toBe(rotated);
    await client.getAccessToken({ forceRefresh: true });
    expect(server.counters.get('token:refresh_token')).toBe(3);
  });

  it('forceRefresh refreshes a still-valid token once', async () => {
    const client = await signedIn();
    const old = await client.getAccessToken();
    const [a, b] = await Promise.all([
      client.getAccessToken({ forceRefresh: true }),
      client.getAccessToken({ forceRefresh: true }),
    ]);
    expect(a).toBe(b);
    expect(a).not.toBe(old);
    expect(server.counters.get('token:refresh_token')).toBe(1);
  });

  it('rejects with login_required when signed out', async () => {
    const client = harness.client();
    await expect(client.getAccessToken()).rejects.toMatchObject({ code: 'login_required' });
  });
});

describe('refresh failures', () => {
  it('ends the session cleanly on invalid_grant, in every tab, with the reason', async () => {
    const tabA = await signedIn();
    const tabB = harness.client();
    await tabB.ready();
    const eventsA: AuthEvent[] = [];
    tabA.on((event) => eventsA.push(event));
    server.revokeGrants();
    advanceToBeforeExpiry(10_000);
    await expect(tabA.getAccessToken()).rejects.toMatchObject({
      code: 'refresh_rejected',
      oauthError: 'invalid_grant',
    });
    expect(tabA.getSnapshot()).toMatchObject({
      status: 'unauthenticated',
      isAuthenticated: false,
      signOutReason: 'refresh_rejected',
      error: { code: 'refresh_rejected' },
    });
    expect(eventsA).toContainEqual({ type: 'signed_out', reason: 'refresh_rejected' });
    expect(await storedSession(tabA)).toBeUndefined();
    await vi.waitFor(() => expect(tabB.getSnapshot().status).toBe('unauthenticated'));
    expect(tabB.getSnapshot().signOutReason).toBe('refresh_rejected');
  });

  it('retries a 5xx with backoff and succeeds, keeping the session', async () => {
    const client = await signedIn();
    server.faults.inject({ endpoint: 'token', status: 500, count: 1 });
    vi.setSystemTime(Date.now() + TTL_MS + 1000); // expired: the caller has to wait for the retry
    const pending = client.getAccessToken();
    await vi.advanceTimersByTimeAsync(1500);
    await expect(pending).resolves.toMatch(/.+/);
    expect(server.counters.get('token')).toBe(2);
    expect(client.getSnapshot()).toMatchObject({ status: 'authenticated', error: null });
  });

  it('honours Retry-After on 429 before retrying', async () => {
    const client = await signedIn();
    server.faults.inject({ endpoint: 'token', status: 429, retryAfter: 3, count: 1 });
    vi.setSystemTime(Date.now() + TTL_MS + 1000);
    const pending = client.getAccessToken();
    await vi.advanceTimersByTimeAsync(2900);
    expect(server.counters.get('token')).toBe(1);
    await vi.advanceTimersByTimeAsync(200);
    await expect(pending).resolves.toMatch(/.+/);
    expect(server.counters.get('token')).toBe(2);
  });

  it('retries a dropped connection', async () => {
    const client = await signedIn();
    server.faults.inject({ endpoint: 'token', drop: true, count: 1 });
    vi.setSystemTime(Date.now() + TTL_MS + 1000);
    const pending = client.getAccessToken();
    await vi.advanceTimersByTimeAsync(1500);
    await expect(pending).resolves.toMatch(/.+/);
  });

  it('after bounded retries surfaces refresh_failed (status error, session kept) and recovers later', async () => {
    const client = await signedIn();
    server.faults.inject({ endpoint: 'token', status: 503, count: 10 });
    vi.setSystemTime(Date.now() + TTL_MS + 1000);
    const pending = client.getAccessToken().catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await pending).toMatchObject({ code: 'refresh_failed', recoverable: true, status: 503 });
    expect(server.counters.get('token')).toBe(3); // 1 + maxRefreshRetries (2)
    expect(client.getSnapshot()).toMatchObject({
      status: 'error',
      isAuthenticated: true,
      error: { code: 'refresh_failed' },
      signOutReason: null,
    });
    expect(await storedSession(client)).toMatchObject({ tokens: { refreshToken: expect.any(String) } });
    server.faults.clear();
    await expect(client.getAccessToken()).resolves.toMatch(/.+/);
    expect(client.getSnapshot()).toMatchObject({ status: 'authenticated', error: null });
  });

  it('keeps serving the still-valid token when a refresh inside the leeway fails', async () => {
    const client = await signedIn();
    const old = await client.getAccessToken();
    server.faults.inject({ endpoint: 'token', status: 503, retryAfter: 120, count: 1 });
    advanceToBeforeExpiry(30_000);
    await expect(client.getAccessToken()).resolves.toBe(old);
    expect(server.counters.get('token')).toBe(1); // Retry-After beyond maxRetryDelay is not waited for here
    expect(client.getSnapshot()).toMatchObject({
      status: 'error',
      error: { code: 'refresh_failed', retryAfterMs: 120_000 },
    });
  });

  it("sends nothing while the server's Retry-After runs, then refreshes", async () => {
    const client = await signedIn();
    server.faults.inject({ endpoint: 'token', status: 429, retryAfter: 120, count: 1 });
    vi.setSystemTime(Date.now() + TTL_MS + 1000);
    await expect(client.getAccessToken()).rejects.toMatchObject({
      code: 'refresh_failed',
      retryAfterMs: 120_000,
    });
    await expect(client.getAccessToken()).rejects.toMatchObject({ code: 'refresh_failed' });
    expect(server.counters.get('token')).toBe(1);
    vi.setSystemTime(Date.now() + 121_000);
    await expect(client.getAccessToken()).resolves.toMatch(/.+/);
    expect(server.counters.get('token')).toBe(2);
  });

  it('caps a Retry-After of an hour at maxRetryAfter (default 5 min): the tab refreshes again after it', async () => {
    const client = await signedIn();
    server.faults.inject({ endpoint: 'token', status: 429, retryAfter: 3600, count: 1 });
    vi.setSystemTime(Date.now() + TTL_MS + 1000);
    await expect(client.getAccessToken()).rejects.toMatchObject({
      code: 'refresh_failed',
      retryAfterMs: 300_000,
    });
    vi.setSystemTime(Date.now() + 299_000);
    await expect(client.getAccessToken()).rejects.toMatchObject({ code: 'refresh_failed' });
    expect(server.counters.get('token')).toBe(1);
    vi.setSystemTime(Date.now() + 2_000);
    await expect(client.getAccessToken()).resolves.toMatch(/.+/);
    expect(server.counters.get('token')).toBe(2);
  });

  it('caps a Retry-After HTTP date far ahead (or a slow device clock) the same way, at a configured maxRetryAfter', async () => {
    const inADay = (): string => new Date(Date.now() + 86_400_000).toUTCString();
    let throttle = false;
    const client = await signedIn({
      maxRetryAfter: 60_000,
      fetch: async (input, init) => {
        const url = String(input instanceof Request ? input.url : input);
        if (!throttle || !url.endsWith('/oauth/token')) return server.fetch(input, init);
        throttle = false;
        return Response.json({ error: 'slow_down' }, { status: 503, headers: { 'retry-after': inADay() } });
      },
    });
    throttle = true; // the next token request (the refresh) answers 503 + Retry-After in a day
    vi.setSystemTime(Date.now() + TTL_MS + 1000);
    await expect(client.getAccessToken()).rejects.toMatchObject({
      code: 'refresh_failed',
      retryAfterMs: 60_000,
    });
    vi.setSystemTime(Date.now() + 61_000);
    await expect(client.getAccessToken()).resolves.toMatch(/.+/);
  });

  it('lets the background timer try again after at most maxRetryAfter, not after the hour the server asked for', async () => {
    const client = await signedIn({ autoRefresh: true });
    server.faults.inject({ endpoint: 'token', status: 503, retryAfter: 3600, count: 1 });
    await vi.advanceTimersByTimeAsync(TTL_MS - 59_000); // the timer fires; the server says "come back in an hour"
    await vi.waitFor(() => expect(server.counters.get('token')).toBe(1));
    expect(client.getSnapshot()).toMatchObject({ status: 'error', error: { retryAfterMs: 300_000 } });
    await vi.advanceTimersByTimeAsync(301_000);
    await vi.waitFor(() =>
      expect(client.getSnapshot()).toMatchObject({ status: 'authenticated', error: null }),
    );
    expect(server.counters.get('token')).toBe(2);
  });

  it('treats a malformed refresh response as invalid_response and keeps the session', async () => {
    const client = await signedIn();
    server.faults.inject({
      endpoint: 'token',
      body: '<html>proxy error</html>',
      contentType: 'text/html',
      count: 1,
    });
    vi.setSystemTime(Date.now() + TTL_MS + 1000);
    await expect(client.getAccessToken()).rejects.toMatchObject({ code: 'invalid_response' });
    expect(client.getSnapshot()).toMatchObject({ status: 'error', isAuthenticated: true });
    await expect(client.getAccessToken()).resolves.toMatch(/.+/);
  });

  it('signs out with reason expired when the token expired and there is no refresh token', async () => {
    const client = await signedIn();
    const record = await storedSession(client);
    if (!record) throw new Error('no session');
    await harness.storage.set(sessionKey(client), {
      ...record,
      tokens: { ...record.tokens, refreshToken: null },
    } satisfies SessionRecord);
    const reloaded = harness.client();
    await reloaded.ready();
    vi.setSystemTime(Date.now() + TTL_MS + 1000);
    await expect(reloaded.getAccessToken()).rejects.toMatchObject({ code: 'login_required' });
    expect(reloaded.getSnapshot()).toMatchObject({ status: 'unauthenticated', signOutReason: 'expired' });
  });

  it('gives up on a hung token request after requestTimeout and retries it as a network failure', async () => {
    vi.useRealTimers();
    // The dev server's in-process fetch answers 499 to an aborted request where a real fetch rejects with the
    // abort reason; this wrapper restores real fetch semantics.
    const abortable: typeof fetch = (input, init) =>
      new Promise((resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true });
        server.fetch(input, init).then(resolve, reject);
      });
    const client = await signedIn({ requestTimeout: 100, maxRefreshRetries: 0, fetch: abortable });
    server.faults.inject({ endpoint: 'token', latencyMs: 2000, count: 1 });
    await expect(client.getAccessToken({ forceRefresh: true })).rejects.toMatchObject({
      code: 'refresh_failed',
      recoverable: true,
    });
    expect(client.getSnapshot()).toMatchObject({ status: 'error', isAuthenticated: true });
    await expect(client.getAccessToken({ forceRefresh: true })).resolves.toMatch(/.+/);
  });

  it('fails with lock_timeout when another tab holds the refresh lock too long', async () => {
    const client = await signedIn({ lockTimeout: 2000 });
    let release = (): void => undefined;
    const held = harness.locks.request(
      refreshLockName(client.issuer, client.clientId),
      {},
      () => new Promise<void>((resolve) => (release = resolve)),
    );
    vi.setSystemTime(Date.now() + TTL_MS + 1000);
    const pending = client.getAccessToken().catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(2000);
    expect(await pending).toMatchObject({ code: 'lock_timeout', recoverable: true });
    expect(client.getSnapshot().isAuthenticated).toBe(true);
    expect(server.counters.get('token')).toBe(0);
    release();
    await held;
  });
});

describe('proactive refresh', () => {
  it('refreshes before expiry on a timer, once', async () => {
    const client = await signedIn({ autoRefresh: true, refreshLeeway: 60 });
    const events: AuthEvent[] = [];
    client.on((event) => events.push(event));
    await vi.advanceTimersByTimeAsync(TTL_MS - 61_000);
    expect(server.counters.get('token:refresh_token')).toBe(0);
    await vi.advanceTimersByTimeAsync(2_000);
    await vi.waitFor(() => expect(server.counters.get('token:refresh_token')).toBe(1));
    await vi.waitFor(() => expect(events).toContainEqual(expect.objectContaining({ type: 'refreshed' })));
    expect(client.getSnapshot().status).toBe('authenticated');
  });

  it('renews a token that lives shorter than the leeway calmly, at half its lifetime, not in a loop', async () => {
    server.config.accessTokenTtl = 20;
    const client = await signedIn({ autoRefresh: true, refreshLeeway: 60 });
    const refreshes = () => server.counters.get('token:refresh_token');
    await vi.advanceTimersByTimeAsync(3_000);
    await settleRealWork();
    expect(refreshes()).toBe(0);
    await vi.advanceTimersByTimeAsync(7_500);
    await vi.waitFor(() => expect(refreshes()).toBe(1));
    await settleRealWork();
    // A loop would refresh again at once; the renewed 20 s token is due only ~10 s later.
    await vi.advanceTimersByTimeAsync(5_000);
    await settleRealWork();
    expect(refreshes()).toBe(1);
    await vi.advanceTimersByTimeAsync(6_000);
    await vi.waitFor(() => expect(refreshes()).toBe(2));
    expect(client.getSnapshot().status).not.toBe('unauthenticated');
  });

  it('after a failed background refresh waits before trying again instead of hammering the server', async () => {
    const client = await signedIn({ autoRefresh: true });
    server.faults.inject({ endpoint: 'token', status: 503, count: 100 });
    await vi.advanceTimersByTimeAsync(TTL_MS - 59_000);
    await vi.advanceTimersByTimeAsync(10_000); // the foreground retries (1 + 2)
    const afterFirstRound = server.counters.get('token');
    expect(afterFirstRound).toBe(3);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(server.counters.get('token')).toBe(afterFirstRound);
    server.faults.clear();
    await vi.advanceTimersByTimeAsync(30_000);
    await vi.waitFor(() =>
      expect(client.getSnapshot()).toMatchObject({ status: 'authenticated', error: null }),
    );
  });
});
