/**
 * One authorization response, handled by two clients at once (issue 11, finding 2): two tabs opening the same
 * callback URL, or a provider re-created in one page while the first one is still exchanging the code. A code
 * sent twice is code reuse: the server revokes what it issued for it, so the tab that won is signed out at its
 * next refresh. The promise: at most one token request per response, ever; the second caller gets the same
 * result (or adopts the stored session, or a typed error), and the session that won stays alive.
 */
import { createDevServer } from '@telnyx-oauth/dev-server';
import { beforeEach, describe, expect, it } from 'vitest';
import { TelnyxAuthError } from '../../src/errors.js';
import { createInMemoryLockManager } from '../../src/locks.js';
import { createIdbStorage } from '../../src/storage/idb.js';
import { createHarness, harnessPerTest, signIn, type FakeWindow } from '../../src/test-utils/harness.js';
import type { RedirectResult, StorageAdapter, TelnyxAuth } from '../../src/types.js';

const server = createDevServer();
const harness = harnessPerTest(server);
beforeEach(() => {
  server.config.latencyMs = 20; // so that the two exchanges really overlap
});

type Client = TelnyxAuth & { window: FakeWindow };

/** Starts a login in `first` and plays the user on the consent page: the callback URL both clients will open. */
async function pendingCallback(first: Client): Promise<string> {
  const authorize = await first.buildAuthorizeUrl({ returnTo: '/settings?tab=keys', appState: { n: 1 } });
  return server.completeAuthorization(authorize);
}

/** The session that won must still be alive at the server: a refresh works and no reuse is detected. */
async function expectSessionAlive(client: Client): Promise<void> {
  const before = await client.getAccessToken();
  await expect(client.getAccessToken({ forceRefresh: true })).resolves.not.toBe(before);
  expect(server.counters.get('code_reuse_detected')).toBe(0);
  expect(server.counters.get('refresh_reuse_detected')).toBe(0);
}

const settle = (promise: Promise<RedirectResult>) =>
  promise.then(
    (result) => ({ ok: true as const, result }),
    (error: unknown) => ({ ok: false as const, error }),
  );

describe('one callback URL, two clients', () => {
  it('when the exchange fails, neither reports success: the waiting one does not take the older session for it', async () => {
    const first = harness.client();
    await signIn(first, server); // a session already there: the user is adding a scope by redirect
    const second = harness.client();
    await second.ready();
    const url = await server.completeAuthorization(
      await first.buildAuthorizeUrl({ scope: 'account_management.write', returnTo: '/clients' }),
    );
    server.faults.inject({ endpoint: 'token', status: 400 });
    const outcomes = await Promise.all([
      settle(first.handleRedirectCallback(url)),
      settle(second.handleRedirectCallback(url)),
    ]);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([false, false]);
    for (const outcome of outcomes) expect(outcome.ok || outcome.error).toBeInstanceOf(TelnyxAuthError);
    expect(server.counters.get('token:authorization_code')).toBe(1);
    for (const tab of [first, second]) {
      expect(tab.getSnapshot().isAuthenticated).toBe(true); // the older session is kept
      expect(tab.hasScope('account_management.write')).toBe(false);
    }
  });

  it('in one page (a provider re-created while the first exchanges): one token request, the same result for both', async () => {
    const first = harness.client();
    const second = harness.client();
    const url = await pendingCallback(first);
    server.counters.reset();
    const [a, b] = await Promise.all([first.handleRedirectCallback(url), second.handleRedirectCallback(url)]);
    expect(server.counters.get('token:authorization_code')).toBe(1);
    expect(a).toEqual({ returnTo: '/settings?tab=keys', appState: { n: 1 } });
    expect(b).toEqual(a);
    expect(await second.getAccessToken()).toBe(await first.getAccessToken());
    await expectSessionAlive(first);
  });

  it('in two tabs with Web Locks (shared lock manager, separate IndexedDB connections): one request, both signed in', async () => {
    const dbName = `race-${Math.random()}`;
    const first = harness.client({ storage: createIdbStorage({ dbName }) });
    const second = harness.client({ storage: createIdbStorage({ dbName }) });
    const url = await pendingCallback(first);
    server.counters.reset();
    const [a, b] = await Promise.all([first.handleRedirectCallback(url), second.handleRedirectCallback(url)]);
    expect(server.counters.get('token:authorization_code')).toBe(1);
    expect(a).toEqual({ returnTo: '/settings?tab=keys', appState: { n: 1 } });
    expect(b).toEqual(a);
    for (const tab of [first, second]) expect(tab.getSnapshot().status).toBe('authenticated');
    await expectSessionAlive(second);
  });

  it('in two tabs without Web Locks (separate lock managers): the atomic take lets one exchange; the other fails typed', async () => {
    const dbName = `race-${Math.random()}`;
    const first = harness.client({
      storage: createIdbStorage({ dbName }),
      locks: createInMemoryLockManager(),
    });
    const second = harness.client({
      storage: createIdbStorage({ dbName }),
      locks: createInMemoryLockManager(),
    });
    const url = await pendingCallback(first);
    server.counters.reset();
    const outcomes = await Promise.all([
      settle(first.handleRedirectCallback(url)),
      settle(second.handleRedirectCallback(url)),
    ]);
    expect(server.counters.get('token:authorization_code')).toBe(1);
    const won = outcomes.findIndex((outcome) => outcome.ok);
    expect(won).toBeGreaterThanOrEqual(0);
    for (const outcome of outcomes) {
      if (outcome.ok) expect(outcome.result.returnTo).toBe('/settings?tab=keys');
      else {
        expect(outcome.error).toBeInstanceOf(TelnyxAuthError);
        expect(outcome.error).toMatchObject({ code: 'unknown_state' });
      }
    }
    await expectSessionAlive([first, second][won]!);
  });

  it('in two tabs without Web Locks that meet inside the take itself: still one exchange', async () => {
    // The claim is the only guard here. Both tabs' claim-time access to the transaction (the read after the
    // peek, or the update) waits until both have arrived, so a take that reads and then writes would let both
    // through.
    const waiting: Array<() => void> = [];
    const bothArrived = () =>
      new Promise<void>((resolve) => {
        waiting.push(resolve);
        if (waiting.length === 2) for (const go of waiting.splice(0)) go();
      });
    const tab = () => {
      const shared = harness.storage;
      let transactionReads = 0;
      const storage: StorageAdapter = {
        get: async (key) => {
          if (key.includes(':tx:') && ++transactionReads === 2) await bothArrived();
          return shared.get(key);
        },
        set: (key, value) => shared.set(key, value),
        del: (key) => shared.del(key),
        keys: (prefix) => shared.keys!(prefix),
        update: async (key, updater) => {
          if (key.includes(':tx:')) await bothArrived();
          return shared.update!(key, updater);
        },
      };
      return harness.client({ storage, locks: createInMemoryLockManager() });
    };
    const [first, second] = [tab(), tab()];
    const url = await server.completeAuthorization(await first.buildAuthorizeUrl());
    server.counters.reset();
    const outcomes = await Promise.all([
      settle(first.handleRedirectCallback(url)),
      settle(second.handleRedirectCallback(url)),
    ]);
    expect(server.counters.get('token:authorization_code')).toBe(1);
    expect(server.counters.get('code_reuse_detected')).toBe(0);
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
  });

  it('repeatedly, with every interleaving the scheduler gives: never a second token request', async () => {
    server.config.latencyMs = 0;
    for (let round = 0; round < 10; round += 1) {
      server.reset();
      const local = createHarness(server);
      const tabs = [local.client(), local.client(), local.client()];
      const url = await pendingCallback(tabs[0]!);
      server.counters.reset();
      const outcomes = await Promise.all(tabs.map((tab) => settle(tab.handleRedirectCallback(url))));
      expect(server.counters.get('token:authorization_code')).toBe(1);
      expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
      expect(server.counters.get('code_reuse_detected')).toBe(0);
      local.destroyAll();
    }
  });

  it('a replay after the first finished is still refused (unknown_state) and keeps the session', async () => {
    const first = harness.client();
    const url = await pendingCallback(first);
    await first.handleRedirectCallback(url);
    server.counters.reset();
    const later = harness.client();
    await expect(later.handleRedirectCallback(url)).rejects.toMatchObject({ code: 'unknown_state' });
    expect(server.counters.get('token')).toBe(0);
    expect(later.getSnapshot().status).toBe('authenticated');
    await expectSessionAlive(first);
  });
});
