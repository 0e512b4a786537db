/**
 * Popup sign-in (`@telnyx-oauth/core/popup`): the opener opens the window synchronously, the window (another
 * client on the same storage, locks and channels, as a same-origin page is) completes the sign-in on the
 * redirect URI and reports on the channel for its `state`, and the opener settles from storage. Every failure
 * is a typed error and leaves the opener's session exactly as it was.
 */
import { createDevServer } from '@telnyx-oauth/dev-server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { popupChannelName } from './names.js';
import { popupSupport, type PopupSupportOptions } from './popup.js';
import { fakeHost, type FakePopup } from './test-utils/fake-popup.js';
import { harnessPerTest, signIn, type HarnessClient } from './test-utils/harness.js';
import type { AuthSnapshot, TelnyxAuthOptions } from './types.js';

const server = createDevServer();
const harness = harnessPerTest(server);
afterEach(() => {
  vi.useRealTimers();
});

/** Timers under the test's control (the clock is not faked: tokens keep their real expiry). */
const controlTimers = () =>
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });

const READ = 'account_management.read';
const WRITE = 'account_management.write';

/** The opener: a client with popup support on a fake host (fast polling, so tests do not wait long). */
function opener(options: PopupSupportOptions = {}, overrides: Partial<TelnyxAuthOptions> = {}) {
  const host = fakeHost();
  const client = harness.client({ popup: popupSupport({ pollInterval: 5, host, ...options }), ...overrides });
  return Object.assign(client, { host });
}

/**
 * The popup window: a page of the same origin (same storage, locks, channels) that lands on the redirect URI
 * after the user's decision on the consent page, and completes the sign-in there.
 */
async function completeInPopup(
  popup: FakePopup,
  decision: { allowed?: boolean } = {},
  overrides: Partial<TelnyxAuthOptions> = {},
): Promise<{ page: HarnessClient; result: Awaited<ReturnType<HarnessClient['handleRedirectCallback']>> }> {
  const authorizeUrl = await popup.navigated;
  const callbackUrl = await server.completeAuthorization(authorizeUrl, decision);
  const page = harness.client(overrides);
  page.window.location.href = callbackUrl;
  const result = await page.handleRedirectCallback();
  return { page, result };
}

/** The session part of a snapshot, to compare before and after a failed attempt. */
const session = ({ status, isAuthenticated, scope, expiresAt, error, signOutReason }: AuthSnapshot) => ({
  status,
  isAuthenticated,
  scope,
  expiresAt,
  error,
  signOutReason,
});

describe('loginWithPopup', () => {
  it('opens the window synchronously, inside the click, before anything is awaited', async () => {
    const client = opener();
    await client.ready();
    const login = client.loginWithPopup();
    expect(client.host.windows).toHaveLength(1); // no await between the call and window.open
    expect(client.getSnapshot().pending).toBe('popup');
    const [popup] = client.host.windows;
    await completeInPopup(popup!);
    await login;
  });

  it('signs in through the window: the window completes once and reports, this page adopts the session', async () => {
    const client = opener();
    await client.ready();
    const login = client.loginWithPopup({ appState: { from: 'header' } });
    const popup = client.host.windows[0]!;
    const authorizeUrl = new URL(await popup.navigated);
    expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorizeUrl.searchParams.get('state')).toBeTruthy();
    const { result } = await completeInPopup(popup);
    expect(result.popup).toBe(true); // the window's page closes itself instead of rendering the app
    await login;
    expect(client.getSnapshot()).toMatchObject({ status: 'authenticated', pending: null, scope: [READ] });
    expect(server.counters.get('token')).toBe(1);
    expect(popup.closeCalls).toBeGreaterThan(0);
  });

  it('asks for the union of the granted scopes and the new ones; every tab ends with them, after one token request', async () => {
    const client = opener();
    await signIn(client, server);
    const other = harness.client();
    await other.ready();
    server.counters.reset();

    const login = client.loginWithPopup({ scope: WRITE });
    const popup = client.host.windows[0]!;
    expect(new URL(await popup.navigated).searchParams.get('scope')).toBe(`${WRITE} ${READ}`);
    await completeInPopup(popup);
    await login;
    expect(client.hasScope([READ, WRITE])).toBe(true);
    await expect.poll(() => other.hasScope(WRITE)).toBe(true);
    expect(other.getSnapshot().scope).toEqual([WRITE, READ]);
    expect(server.counters.get('token')).toBe(1);
  });

  it('rejects with popup_blocked when window.open returns null, without touching the session', async () => {
    const client = opener();
    await signIn(client, server);
    const before = client.getSnapshot();
    client.host.blocked = true;
    await expect(client.loginWithPopup({ scope: WRITE })).rejects.toMatchObject({
      name: 'TelnyxAuthError',
      code: 'popup_blocked',
      recoverable: true,
    });
    expect(client.getSnapshot()).toBe(before);
    expect(client.window.assigned).toEqual([]);
  });

  it('shows popup_blocked as a failed sign-in when signed out, so guards offer a retry', async () => {
    const client = opener();
    await client.ready();
    client.host.blocked = true;
    await expect(client.loginWithPopup()).rejects.toMatchObject({ code: 'popup_blocked' });
    expect(client.getSnapshot()).toMatchObject({
      status: 'unauthenticated',
      pending: null,
      error: { code: 'popup_blocked' },
    });
  });

  it('falls back to a redirect with the same options when blocked and asked to (redirectIfBlocked)', async () => {
    const client = opener();
    await client.ready();
    client.host.blocked = true;
    await client.loginWithPopup({ scope: WRITE, returnTo: '/clients', redirectIfBlocked: true });
    expect(client.window.assigned).toHaveLength(1);
    const url = new URL(client.window.assigned[0]!);
    expect(url.searchParams.get('scope')).toBe(WRITE);
    expect(url.searchParams.has('redirectIfBlocked')).toBe(false);
    expect(client.getSnapshot().pending).toBe('redirecting');
  });

  it('rejects with popup_closed when the user closes the window; the session stays exactly as it was', async () => {
    const client = opener();
    await signIn(client, server);
    const before = session(client.getSnapshot());
    server.counters.reset();
    const login = client.loginWithPopup({ scope: WRITE });
    const popup = client.host.windows[0]!;
    await popup.navigated; // on the consent page...
    popup.closed = true; // ...the user closes the window
    await expect(login).rejects.toMatchObject({ code: 'popup_closed', recoverable: true });
    expect(session(client.getSnapshot())).toEqual(before);
    expect(client.getSnapshot().pending).toBeNull();
    expect(client.hasScope(WRITE)).toBe(false);
    expect(await client.getAccessToken()).toBeTruthy(); // the old session still works
    expect(server.counters.get('token')).toBe(0);
    // "Allow" was clicked as the window closed: that answer arrives later and must sign no one in.
    await expect(completeInPopup(popup)).rejects.toMatchObject({ code: 'unknown_state' });
    expect(server.counters.get('token')).toBe(0);
    expect(session(client.getSnapshot())).toEqual(before);
  });

  it('does not take a window that reads as closed while this page lacks focus (COOP) for one the user closed', async () => {
    controlTimers();
    const client = opener();
    await client.ready();
    const login = client.loginWithPopup();
    const popup = client.host.windows[0]!;
    await popup.navigated;
    // A COOP page moved the window to another browsing context group: `closed` reads true, the user is in it.
    client.host.focused = false;
    popup.closed = true;
    await vi.advanceTimersByTimeAsync(100); // twenty polls
    expect(client.getSnapshot().pending).toBe('popup');
    await completeInPopup(popup);
    await login;
    expect(client.getSnapshot().status).toBe('authenticated');
  });

  it('rejects with popup_timeout when the window does not finish in time, and closes it; the session is kept', async () => {
    const client = opener({ timeout: 30 });
    await signIn(client, server);
    const before = session(client.getSnapshot());
    const login = client.loginWithPopup({ scope: WRITE });
    await expect(login).rejects.toMatchObject({ code: 'popup_timeout', recoverable: true });
    expect(client.host.windows[0]!.closeCalls).toBeGreaterThan(0);
    expect(session(client.getSnapshot())).toEqual(before);
    server.counters.reset();
    await expect(completeInPopup(client.host.windows[0]!)).rejects.toMatchObject({ code: 'unknown_state' });
    expect(server.counters.get('token')).toBe(0);
    expect(session(client.getSnapshot())).toEqual(before);
  });

  it('takes popupTimeout per call over the default', async () => {
    const client = opener();
    await client.ready();
    await expect(client.loginWithPopup({ popupTimeout: 20 })).rejects.toMatchObject({
      code: 'popup_timeout',
    });
  });

  it('refuses a popupTimeout that is not a positive number before opening anything', async () => {
    const client = opener();
    await client.ready();
    for (const popupTimeout of [0, -1, Number.NaN])
      await expect(client.loginWithPopup({ popupTimeout })).rejects.toMatchObject({
        code: 'invalid_options',
      });
    expect(client.host.windows).toEqual([]);
    expect(client.getSnapshot().error).toMatchObject({ code: 'invalid_options' });
  });

  it('rejects with authorization_denied when the user chooses Deny in the window; the session is kept', async () => {
    const client = opener();
    await signIn(client, server);
    const before = session(client.getSnapshot());
    server.counters.reset();
    const login = client.loginWithPopup({ scope: WRITE });
    const { result, page } = await completeInPopup(client.host.windows[0]!, { allowed: false });
    expect(result.popup).toBe(true); // the window does not throw: its opener shows the outcome
    await expect(login).rejects.toMatchObject({
      code: 'authorization_denied',
      oauthError: 'access_denied',
    });
    expect(session(client.getSnapshot())).toEqual(before);
    expect(page.getSnapshot().error).toBeNull(); // nor does the window's page show it
    expect(server.counters.get('token')).toBe(0);
  });

  it('shows a denied popup sign-in as a failed sign-in when signed out', async () => {
    const client = opener();
    await client.ready();
    const login = client.loginWithPopup();
    await completeInPopup(client.host.windows[0]!, { allowed: false });
    await expect(login).rejects.toMatchObject({ code: 'authorization_denied' });
    expect(client.getSnapshot()).toMatchObject({
      status: 'unauthenticated',
      error: { code: 'authorization_denied' },
    });
  });

  it('focuses the open window and rejects a second loginWithPopup with popup_in_progress', async () => {
    const client = opener();
    await client.ready();
    const first = client.loginWithPopup();
    await expect(client.loginWithPopup({ scope: WRITE })).rejects.toMatchObject({
      code: 'popup_in_progress',
    });
    expect(client.host.windows).toHaveLength(1);
    expect(client.host.windows[0]!.focusCalls).toBe(1);
    await completeInPopup(client.host.windows[0]!);
    await first;
    // Once it is over, the next one opens a new window.
    client.host.blocked = true;
    await expect(client.loginWithPopup()).rejects.toMatchObject({ code: 'popup_blocked' });
  });

  it('settles from storage when the window closes after signing in but its messages were lost', async () => {
    // No BroadcastChannel at all: neither the window's report nor tab sync reaches this page.
    const client = opener({}, { broadcastChannel: null });
    await client.ready();
    const login = client.loginWithPopup();
    const popup = client.host.windows[0]!;
    await completeInPopup(popup, {}, { broadcastChannel: null });
    popup.closed = true; // the window closed itself
    await login;
    expect(client.getSnapshot()).toMatchObject({ status: 'authenticated', scope: [READ] });
  });

  it('settles from storage at the timeout when the login succeeded but nothing told this page', async () => {
    controlTimers();
    const client = opener({ timeout: 1000 }, { broadcastChannel: null });
    await client.ready();
    const login = client.loginWithPopup();
    await completeInPopup(client.host.windows[0]!, {}, { broadcastChannel: null });
    await vi.advanceTimersByTimeAsync(1000);
    await login; // the window stays "open" (a COOP handle): the timeout reads storage before failing
    expect(client.getSnapshot().status).toBe('authenticated');
  });

  it('ignores a forged success message: nothing stored, nothing adopted', async () => {
    controlTimers();
    const client = opener({ timeout: 1000 });
    await client.ready();
    const login = client.loginWithPopup();
    const outcome = login.catch((error: unknown) => error);
    const state = new URL(await client.host.windows[0]!.navigated).searchParams.get('state')!;
    harness.channels(popupChannelName(client.issuer, client.clientId, state)).postMessage({ v: 1 });
    await vi.advanceTimersByTimeAsync(500); // the message was read, storage holds nothing
    expect(client.getSnapshot().pending).toBe('popup');
    await vi.advanceTimersByTimeAsync(500);
    expect(await outcome).toMatchObject({ code: 'popup_timeout' });
    expect(client.getSnapshot().isAuthenticated).toBe(false);
  });

  it('rejects with insufficient_scope when the server granted fewer scopes than asked', async () => {
    const client = opener();
    await signIn(client, server);
    const login = client.loginWithPopup({ scope: WRITE });
    // The token endpoint grants only what the session had.
    const narrowing: typeof fetch = async (input, init) => {
      const response = await server.fetch(input, init);
      if (!new Request(input, init).url.endsWith('/oauth/token')) return response;
      const body = (await response.json()) as Record<string, unknown>;
      return Response.json({ ...body, scope: READ });
    };
    await completeInPopup(client.host.windows[0]!, {}, { fetch: narrowing });
    await expect(login).rejects.toMatchObject({ code: 'insufficient_scope', scopes: [WRITE] });
    expect(client.hasScope(READ)).toBe(true);
  });

  it('needs popup support plugged in: invalid_options otherwise', async () => {
    const client = harness.client();
    await client.ready();
    await expect(client.loginWithPopup()).rejects.toMatchObject({ code: 'invalid_options' });
  });

  it('needs a window: invalid_options without one (no window.open here)', async () => {
    const client = harness.client({ popup: popupSupport() });
    await client.ready();
    await expect(client.loginWithPopup()).rejects.toMatchObject({ code: 'invalid_options' });
  });
});
