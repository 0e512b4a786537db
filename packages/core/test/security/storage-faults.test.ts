/**
 * Storage is a failure domain (issue 8): private mode without IndexedDB, an IndexedDB whose open() fails, a full
 * quota, corrupt, foreign or old-schema records. The promise: start-up never throws, every problem is reported as
 * a typed `storage_error` (snapshot or `error` event), and a session that exists in this page is never silently
 * lost - when it cannot be persisted it lives on in memory and keeps refreshing.
 *
 * Already covered elsewhere (not repeated here): corrupt/foreign/future-version session records and a throwing
 * adapter at start-up (src/session.test.ts, "corrupt or foreign storage"); random records in every storage slot
 * (src/callback.property.test.ts, "random stored records"); storage failing during logout (src/revoke.test.ts).
 */
import { createDevServer } from '@telnyx-oauth/dev-server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TelnyxAuthError } from '../../src/errors.js';
import { createIdbStorage } from '../../src/storage/idb.js';
import { storageKeys } from '../../src/names.js';
import { harnessPerTest, signIn } from '../../src/test-utils/harness.js';
import type { AuthEvent, StorageAdapter } from '../../src/types.js';

const server = createDevServer();
const harness = harnessPerTest(server);
afterEach(() => {
  vi.unstubAllGlobals();
});

function recordEvents(client: { on(listener: (event: AuthEvent) => void): () => void }): AuthEvent[] {
  const events: AuthEvent[] = [];
  client.on((event) => events.push(event));
  return events;
}
const storageErrors = (events: AuthEvent[]) =>
  events.filter((e) => e.type === 'error' && e.error.code === 'storage_error');

/** Three rotations in a row: each must succeed from memory, with no reuse detection and no sign-out. */
async function expectRefreshesKeepWorking(client: ReturnType<typeof harness.client>, events: AuthEvent[]) {
  let previous = await client.getAccessToken();
  for (let i = 0; i < 3; i += 1) {
    const next = await client.getAccessToken({ forceRefresh: true });
    expect(next).not.toBe(previous);
    previous = next;
  }
  expect(client.getSnapshot()).toMatchObject({ status: 'authenticated', isAuthenticated: true });
  expect(server.counters.get('refresh_reuse_detected')).toBe(0);
  expect(events.some((e) => e.type === 'signed_out')).toBe(false);
}

/** An IndexedDB whose open() fails the way browsers' private modes do. */
function failingIndexedDb(mode: 'throws' | 'error-event'): IDBFactory {
  const open = () => {
    if (mode === 'throws') throw new DOMException('A mutation operation was attempted.', 'InvalidStateError');
    const request = {
      error: new DOMException('open refused', 'UnknownError'),
    } as unknown as IDBOpenDBRequest;
    setTimeout(() => request.onerror?.(new Event('error')), 0);
    return request;
  };
  return { open, deleteDatabase: open, cmp: () => 0, databases: async () => [] } as unknown as IDBFactory;
}

describe('private mode: no IndexedDB at all', () => {
  it('refuses a login that could not survive its redirect with storage_unavailable, before navigating', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const client = harness.client({ storage: undefined });
    expect(await client.ready()).toMatchObject({ status: 'unauthenticated', error: null });
    // In memory the PKCE verifier would be gone when the callback loads: every callback would end in
    // unknown_state. Say so now, with what to do, instead of sending the user to Telnyx and back for nothing.
    const refused = await client.loginWithRedirect().catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'storage_unavailable', recoverable: false });
    expect((refused as Error).message).toMatch(/storage: 'memory'/);
    await expect(client.buildAuthorizeUrl()).rejects.toMatchObject({ code: 'storage_unavailable' });
    expect(client.window.assigned).toEqual([]);
    expect(server.counters.get('authorize')).toBe(0);
    expect(client.getSnapshot()).toMatchObject({
      status: 'unauthenticated',
      error: { code: 'storage_unavailable' },
    });
  });

  it('keeps memory storage the app chose itself: sign-in, rotation and logout all work in the page', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const client = harness.client({ storage: 'memory' });
    const events = recordEvents(client);
    expect(await client.ready()).toMatchObject({ status: 'unauthenticated', error: null });
    await signIn(client, server);
    await expectRefreshesKeepWorking(client, events);
    await client.logout();
    expect(client.getSnapshot().status).toBe('unauthenticated');
    expect(server.counters.get('revoke')).toBe(1);
  });
});

describe.each(['throws', 'error-event'] as const)('IndexedDB open() fails (%s)', (mode) => {
  it('starts signed out with a recoverable storage_error, and refuses a login it could not finish, typed', async () => {
    vi.stubGlobal('indexedDB', failingIndexedDb(mode));
    const client = harness.client({ storage: 'indexeddb' });
    expect(await client.ready()).toMatchObject({
      status: 'unauthenticated',
      error: { code: 'storage_error', recoverable: true },
    });
    // The PKCE verifier could not survive the redirect: say so before navigating, instead of failing after it.
    await expect(client.loginWithRedirect()).rejects.toMatchObject({ code: 'storage_error' });
    expect(client.window.assigned).toEqual([]);
  });
});

describe('IndexedDB lost mid-session (every operation fails, like Safari\'s "connection lost")', () => {
  it('keeps the session in memory, reports the unsaved writes, and keeps refreshing with rotation', async () => {
    const idb = createIdbStorage({ dbName: `lost-${Math.random()}` });
    const state = { lost: false };
    const lost = () =>
      Promise.reject(new DOMException('Connection to Indexed Database server lost.', 'UnknownError'));
    const adapter: StorageAdapter = {
      get: (key) => (state.lost ? lost() : idb.get(key)),
      set: (key, value) => (state.lost ? lost() : idb.set(key, value)),
      del: (key) => (state.lost ? lost() : idb.del(key)),
    };
    const client = harness.client({ storage: adapter });
    const events = recordEvents(client);
    await signIn(client, server);
    server.counters.reset();
    state.lost = true;
    await expectRefreshesKeepWorking(client, events);
    expect(storageErrors(events)).toHaveLength(3);
    await client.logout();
    expect(client.getSnapshot()).toMatchObject({ status: 'unauthenticated', signOutReason: 'logout' });
    expect(server.counters.get('revoke')).toBe(1);
  });
});

/** Real (fake-indexeddb) storage whose writes (set and update) fail with QuotaExceededError while `full` is set. */
function quotaStorage() {
  const idb = createIdbStorage({ dbName: `quota-${Math.random()}` });
  const state = { full: false, writes: 0 };
  const full = () => {
    state.writes += 1;
    return state.full;
  };
  const refused = () =>
    Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
  const adapter: StorageAdapter = {
    ...idb,
    set: (key, value) => (full() ? refused() : idb.set(key, value)),
    update: (key, updater) => (full() ? refused() : idb.update!(key, updater)),
  };
  return { adapter, state };
}

describe('quota exceeded', () => {
  it('on the sign-in write: signed in for this page, says so, and the session keeps refreshing', async () => {
    const { adapter, state } = quotaStorage();
    const client = harness.client({ storage: adapter });
    const events = recordEvents(client);
    await client.ready();
    const url = await client.buildAuthorizeUrl(); // the transaction still fits
    state.full = true;
    client.window.location.href = await server.completeAuthorization(url);
    await client.handleRedirectCallback();
    expect(client.getSnapshot().status).toBe('authenticated');
    const [warning] = storageErrors(events);
    expect(warning).toMatchObject({ error: { code: 'storage_error', recoverable: true } });
    expect((warning as { error: TelnyxAuthError }).error.cause).toMatchObject({ name: 'QuotaExceededError' });
    server.counters.reset();
    await expectRefreshesKeepWorking(client, events);
  });

  it('on a refresh write: the rotated refresh token is kept in memory, so the next refresh is no reuse', async () => {
    const { adapter, state } = quotaStorage();
    const client = harness.client({ storage: adapter });
    const events = recordEvents(client);
    await signIn(client, server);
    server.counters.reset();
    state.full = true;
    await expectRefreshesKeepWorking(client, events);
    expect(server.counters.get('token:refresh_token')).toBe(3);
    expect(storageErrors(events)).toHaveLength(3); // one warning per unsaved refresh
    state.full = false;
    await client.getAccessToken({ forceRefresh: true }); // space again: persisted for the next reload
    const reloaded = harness.client({ storage: adapter });
    expect(await reloaded.getAccessToken()).toBe(await client.getAccessToken());
  });
});

describe('records of an older schema version', () => {
  it.each([
    ['version 0', 0],
    ['no version field', undefined],
    ['a version as a string', '1'],
  ])('(%s) are reported, left in place and never used; signing in again replaces them', async (_label, v) => {
    const client = harness.client();
    const key = storageKeys(client.issuer, client.clientId).session;
    const old = {
      v,
      kind: 'session',
      issuer: client.issuer,
      clientId: client.clientId,
      tokens: { access_token: 'old-shape', refresh_token: 'old-shape-refresh' },
    };
    await harness.storage.set(key, old);
    const events = recordEvents(client);
    const snapshot = await client.ready();
    expect(snapshot).toMatchObject({ status: 'unauthenticated', error: { code: 'storage_error' } });
    expect(snapshot.error?.message).toMatch(/schema version/);
    expect(storageErrors(events)).toHaveLength(1);
    expect(await harness.storage.get(key)).toEqual(old); // not silently deleted
    await expect(client.getAccessToken()).rejects.toMatchObject({ code: 'login_required' });
    expect(server.counters.get('token')).toBe(0); // the old refresh token was never sent anywhere
    await signIn(client, server);
    expect(await harness.storage.get(key)).toMatchObject({ v: 1, kind: 'session' });
  });
});
