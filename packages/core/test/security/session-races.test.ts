/**
 * A refresh's write against a logout or a new sign-in (issue 11, finding 4). The refresh coordinator stores the
 * rotated tokens only if the session it refreshed is still the stored one (compare-and-set), and that check and
 * the write are one storage update; logout and sign-in take the same lock as refreshes. So a logout or a new
 * sign-in that lands while a refresh's answer is being stored is never overwritten (the old session does not come
 * back on reload), and a logout revokes the newest refresh token, the one read from storage.
 *
 * The interleavings are forced: tab A's storage pauses when it is about to store its refresh's answer, starts the
 * other tab's logout or sign-in there, and lets it run as far as it can before the write goes on.
 */
import { createDevServer, PUBLIC_CLIENT_ID } from '@telnyx-oauth/dev-server';
import { describe, expect, it } from 'vitest';
import { storageKeys } from '../../src/names.js';
import type { SessionRecord } from '../../src/storage/schema.js';
import { harnessPerTest, signIn } from '../../src/test-utils/harness.js';
import { createInMemoryLockManager } from '../../src/locks.js';
import type { StorageAdapter, TelnyxAuthOptions } from '../../src/types.js';

const server = createDevServer();
const harness = harnessPerTest(server);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const urlOf = (input: RequestInfo | URL): string => (input instanceof Request ? input.url : String(input));

/** Whether the server still accepts an access token (its management API answers 401 once revoked). */
async function isAccepted(token: string): Promise<boolean> {
  const response = await server.fetch('/v2/oauth_grants', { headers: { authorization: `Bearer ${token}` } });
  return response.status === 200;
}

/**
 * A tab whose refresh pauses where the race is: when it writes the session record after the token endpoint
 * answered its refresh (a plain write after a separate read, or one atomic update). `interleave` runs there;
 * the tab goes on when it resolves.
 */
function racingTab(interleave: () => Promise<void>, overrides: Partial<TelnyxAuthOptions> = {}) {
  const shared = harness.storage;
  let armed = false;
  const issued: string[] = [];
  const revoked: string[] = [];
  const send = recordingRevocations(revoked);
  const gate = async (key: string): Promise<void> => {
    if (!armed || !key.endsWith(':session')) return;
    armed = false;
    await interleave();
  };
  const storage: StorageAdapter = {
    get: (key) => shared.get(key),
    set: async (key, value) => (await gate(key), shared.set(key, value)),
    del: (key) => shared.del(key),
    keys: (prefix) => shared.keys!(prefix),
    update: async (key, updater) => (await gate(key), shared.update!(key, updater)),
  };
  const tab = harness.client({
    storage,
    fetch: async (input, init) => {
      const response = await send(input, init);
      const body = String(init?.body ?? '');
      if (urlOf(input).endsWith('/oauth/token') && body.includes('grant_type=refresh_token')) {
        const json = (await response.clone().json()) as { refresh_token?: string };
        if (json.refresh_token) issued.push(json.refresh_token);
        armed = true;
      }
      return response;
    },
    ...overrides,
  });
  return { tab, issued, revoked };
}

/** Lets `work` run until it finishes or blocks (waiting for a lock): whichever comes first. */
async function runAsFarAsItGoes(work: Promise<unknown>): Promise<void> {
  await Promise.race([work.catch(() => undefined), sleep(200)]);
}

function storedSession(): Promise<SessionRecord | undefined> {
  return harness.storage.get<SessionRecord>(storageKeys(server.issuer, PUBLIC_CLIENT_ID).session);
}

/** A fetch that records the token of every revocation request in `revoked`. */
function recordingRevocations(revoked: string[]): typeof fetch {
  return (input, init) => {
    if (urlOf(input).endsWith('/oauth/revoke'))
      revoked.push(new URLSearchParams(String(init?.body)).get('token') ?? '');
    return server.fetch(input, init);
  };
}

describe('a refresh answer being stored while another tab signs out', () => {
  it('never brings the session back: storage stays empty, every tab is signed out, the newest refresh token is revoked', async () => {
    const revoked: string[] = [];
    const other = harness.client({ fetch: recordingRevocations(revoked) });
    let logout: Promise<void> = Promise.resolve();
    const { tab, issued } = racingTab(async () => {
      logout = other.logout();
      await runAsFarAsItGoes(logout);
    });
    await signIn(tab, server);
    await other.ready();
    const refreshed = await tab.getAccessToken({ forceRefresh: true }).catch(() => null);
    await logout;

    expect(await storedSession()).toBeUndefined(); // a reload starts signed out
    const reloaded = harness.client();
    expect(await reloaded.ready()).toMatchObject({ status: 'unauthenticated' });
    for (const t of [tab, other]) {
      await expect.poll(() => t.getSnapshot().status).toBe('unauthenticated');
    }
    expect(revoked).toEqual([issued[0]]); // the rotated refresh token, read from storage
    if (refreshed) expect(await isAccepted(refreshed)).toBe(false);
    expect(server.counters.get('refresh_reuse_detected')).toBe(0);
  });

  it('without a shared lock (no Web Locks, or a lock_timeout): the compare-and-set alone keeps the logout', async () => {
    // Each tab has its own lock manager: the logout runs to its end inside the refresh's write, which then
    // must find the session gone in the same storage update that would have written it.
    const other = harness.client({ locks: createInMemoryLockManager() });
    const { tab } = racingTab(() => other.logout(), { locks: createInMemoryLockManager() });
    await signIn(tab, server);
    await other.ready();
    await tab.getAccessToken({ forceRefresh: true }).catch(() => null);
    expect(await storedSession()).toBeUndefined();
    expect(await harness.client().ready()).toMatchObject({ status: 'unauthenticated' });
  });

  it('in the same tab: the logout waits for the refresh to store its tokens, then revokes the newest', async () => {
    let logout: Promise<void> = Promise.resolve();
    const holder: { tab?: ReturnType<typeof racingTab>['tab'] } = {};
    const { tab, issued, revoked } = racingTab(async () => {
      logout = holder.tab!.logout();
      await runAsFarAsItGoes(logout);
    });
    holder.tab = tab;
    await signIn(tab, server);
    await tab.getAccessToken({ forceRefresh: true }).catch(() => null);
    await logout;
    expect(tab.getSnapshot()).toMatchObject({ status: 'unauthenticated', signOutReason: 'logout' });
    expect(await storedSession()).toBeUndefined();
    expect(revoked).toEqual([issued[0]]);
  });
});

describe('a refresh answer being stored while another tab signs in anew', () => {
  it('keeps the new session: the refresh adopts it instead of writing the old one over it', async () => {
    const other = harness.client();
    let signingIn: Promise<string> = Promise.resolve('');
    const { tab } = racingTab(async () => {
      signingIn = (async () => {
        const url = await other.buildAuthorizeUrl({ scope: 'account_management.write' });
        other.window.location.href = await server.completeAuthorization(url);
        await other.handleRedirectCallback();
        return other.getAccessToken(); // the new session's token, as the sign-in stored it
      })();
      await runAsFarAsItGoes(signingIn);
    });
    await signIn(tab, server);
    await tab.getAccessToken({ forceRefresh: true });
    const fresh = await signingIn;
    expect((await storedSession())?.tokens).toMatchObject({
      accessToken: fresh,
      // The new sign-in asked for write and whatever `other` already knew the session to hold.
      scope: expect.arrayContaining(['account_management.write']),
    });
    await expect.poll(() => tab.getAccessToken()).toBe(fresh);
    const reloaded = harness.client();
    expect(await reloaded.getAccessToken()).toBe(fresh);
  });
});

describe('logout revokes what storage holds', () => {
  it('the newest refresh token (another tab rotated it), not the stale copy in this tab', async () => {
    const revoked: string[] = [];
    const stale = harness.client({ broadcastChannel: null, fetch: recordingRevocations(revoked) });
    await signIn(stale, server);
    const rotating = harness.client({ broadcastChannel: null });
    await rotating.getAccessToken({ forceRefresh: true });
    const newest = (await storedSession())?.tokens.refreshToken;
    await stale.logout();
    expect(revoked).toEqual([newest]);
    expect(await isAccepted(await rotating.getAccessToken().catch(() => ''))).toBe(false);
  });
});
