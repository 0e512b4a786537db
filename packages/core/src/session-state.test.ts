/**
 * The state machine's sign-in attempt (`pending`), and the ways a session ends that must never look like an
 * error: another tab's logout, and an access token that expires without a refresh token.
 */
import { createDevServer } from '@telnyx-oauth/dev-server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createInMemoryLockManager } from './locks.js';
import { createHarness, harnessPerTest, signIn } from './test-utils/harness.js';
import type { AuthEvent, AuthSnapshot, AuthStatus } from './types.js';

const server = createDevServer();
const harness = harnessPerTest(server);
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** Every snapshot a client shows from now on. */
function recordSnapshots(client: { subscribe(l: () => void): () => void; getSnapshot(): AuthSnapshot }) {
  const seen: AuthSnapshot[] = [];
  client.subscribe(() => seen.push(client.getSnapshot()));
  return seen;
}

describe('the sign-in this page has pending', () => {
  it('is "redirecting" once loginWithRedirect starts; another call while it is does not navigate again', async () => {
    const client = harness.client();
    await client.ready();
    const first = client.loginWithRedirect({ returnTo: '/a' });
    expect(client.getSnapshot().pending).toBe('redirecting'); // at once: StrictMode's second effect sees it
    await client.loginWithRedirect({ returnTo: '/b' });
    await first;
    expect(client.window.assigned).toHaveLength(1);
    expect(client.getSnapshot().pending).toBe('redirecting'); // until the page leaves
  });

  it('is cleared, with a recoverable login_required to retry from, when the page comes back from the back/forward cache', async () => {
    const win = new EventTarget();
    vi.stubGlobal('window', win);
    const client = harness.client();
    await client.ready();
    await client.loginWithRedirect();
    win.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: false })); // an ordinary page show
    expect(client.getSnapshot().pending).toBe('redirecting');
    win.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true })); // Back from Telnyx
    expect(client.getSnapshot()).toMatchObject({
      status: 'unauthenticated',
      pending: null,
      signOutReason: null,
      error: { code: 'login_required', recoverable: true },
    });
    await client.loginWithRedirect();
    expect(client.window.assigned).toHaveLength(2);
  });

  it('is "completing" while handleRedirectCallback runs, then clears', async () => {
    const client = harness.client();
    const snapshots = recordSnapshots(client);
    await signIn(client, server);
    const pending = snapshots.map((snapshot) => snapshot.pending);
    expect(pending).toContain('completing');
    expect(client.getSnapshot()).toMatchObject({ status: 'authenticated', pending: null });
  });

  it('is cleared by a failed redirect, whose error replaces the reason a session ended (a guard must not loop)', async () => {
    const client = harness.client();
    await signIn(client, server);
    await client.logout();
    expect(client.getSnapshot().signOutReason).toBe('logout');
    await expect(client.loginWithRedirect({ returnTo: '//evil.example' })).rejects.toMatchObject({
      code: 'invalid_return_to',
    });
    expect(client.getSnapshot()).toMatchObject({
      status: 'unauthenticated',
      pending: null,
      signOutReason: null,
      error: { code: 'invalid_return_to' },
    });
    expect(client.window.assigned).toHaveLength(0);
  });

  it('returns to where the user is by default: the current pathname, search and hash', async () => {
    const client = harness.client();
    client.window.location.href = 'http://localhost:5173/reports/3?range=7d#chart';
    const callback = await server.completeAuthorization(await client.buildAuthorizeUrl());
    await expect(client.handleRedirectCallback(callback)).resolves.toMatchObject({
      returnTo: '/reports/3?range=7d#chart',
    });
    // A current path that is not a safe returnTo (it would leave the origin) falls back to '/'.
    client.window.location.href = 'http://localhost:5173//evil.example/x';
    const next = await server.completeAuthorization(await client.buildAuthorizeUrl());
    await expect(client.handleRedirectCallback(next)).resolves.toMatchObject({ returnTo: '/' });
  });
});

describe('another tab signed out while this one was refreshing (no broadcast yet)', () => {
  it('signs this tab out cleanly, without ever showing status error', async () => {
    const here = harness.client({ broadcastChannel: null });
    await signIn(here, server);
    const there = harness.client({ broadcastChannel: null });
    await there.ready();
    const statuses: AuthStatus[] = [];
    here.subscribe(() => statuses.push(here.getSnapshot().status));
    await there.logout();
    await expect(here.getAccessToken({ forceRefresh: true })).rejects.toMatchObject({
      code: 'login_required',
    });
    expect(statuses).not.toContain('error');
    expect(here.getSnapshot()).toMatchObject({
      status: 'unauthenticated',
      error: null,
      signOutReason: 'storage_cleared',
    });
  });

  it('also when the sign-out lands between the refresh request and storing its answer (no shared locks)', async () => {
    let answered = (): void => undefined;
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const here = harness.client({
      broadcastChannel: null,
      locks: createInMemoryLockManager(),
      fetch: async (input, init) => {
        const response = await server.fetch(input, init);
        if (String(init?.body).includes('grant_type=refresh_token')) {
          answered();
          await held; // the answer is on its way back
        }
        return response;
      },
    });
    await signIn(here, server);
    const there = harness.client({ broadcastChannel: null, locks: createInMemoryLockManager() });
    await there.ready();
    const events: AuthEvent[] = [];
    here.on((event) => events.push(event));
    const statuses: AuthStatus[] = [];
    here.subscribe(() => statuses.push(here.getSnapshot().status));
    const serverAnswered = new Promise<void>((resolve) => (answered = resolve));
    const refreshing = here.getAccessToken({ forceRefresh: true });
    await serverAnswered;
    await there.logout();
    release();
    await expect(refreshing).rejects.toMatchObject({ code: 'login_required' });
    expect(statuses).not.toContain('error');
    expect(here.getSnapshot()).toMatchObject({ status: 'unauthenticated', error: null });
    expect(events.filter((event) => event.type === 'error')).toEqual([]);
    expect(await harness.storage.keys!('')).not.toContainEqual(expect.stringMatching(/:session$/));
  });
});

describe('a session without a refresh token (public clients get none, as at Telnyx)', () => {
  const telnyx = createDevServer({ publicClientRefresh: false });
  let local: ReturnType<typeof createHarness>;
  beforeEach(() => {
    telnyx.reset();
    local = createHarness(telnyx);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => local.destroyAll());

  it('lasts until the access token expires, then ends cleanly with reason expired, and a new sign-in works', async () => {
    const client = local.client({ autoRefresh: true });
    const events: AuthEvent[] = [];
    client.on((event) => events.push(event));
    await signIn(client, telnyx);
    const { expiresAt } = client.getSnapshot();
    expect(expiresAt).toBeGreaterThan(Date.now());
    // Within the leeway there is nothing to renew: the token is served as it is, and the status stays.
    await vi.advanceTimersByTimeAsync(expiresAt! - Date.now() - 30_000);
    await expect(client.getAccessToken()).resolves.toBeTruthy();
    expect(client.getSnapshot().status).toBe('authenticated');
    await vi.advanceTimersByTimeAsync(31_000);
    await vi.waitFor(() => expect(client.getSnapshot().status).toBe('unauthenticated'));
    expect(client.getSnapshot()).toMatchObject({ signOutReason: 'expired', error: null, pending: null });
    expect(events.map((event) => event.type)).toEqual(['signed_in', 'signed_out']);
    expect(events[1]).toEqual({ type: 'signed_out', reason: 'expired' });
    expect(
      await local.storage.get(`telnyx-oauth:${telnyx.issuer}:${client.clientId}:session`),
    ).toBeUndefined();
    expect(telnyx.counters.get('token:refresh_token')).toBe(0);

    await signIn(client, telnyx);
    expect(client.getSnapshot()).toMatchObject({ status: 'authenticated', signOutReason: null });
  });

  it('ends when the page becomes visible after the token expired while timers were throttled', async () => {
    const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' });
    vi.stubGlobal('document', doc);
    const client = local.client({ autoRefresh: true });
    await signIn(client, telnyx);
    vi.setSystemTime(client.getSnapshot().expiresAt! + 1_000); // the clock moved, the timer has not fired
    doc.dispatchEvent(new Event('visibilitychange'));
    await vi.waitFor(() => expect(client.getSnapshot().signOutReason).toBe('expired'));
  });
});
