import { createDevServer } from '@telnyx-oauth/dev-server';
import { describe, expect, it } from 'vitest';
import { createIdbStorage } from './storage/idb.js';
import { storageKeys } from './names.js';
import type { SessionRecord } from './storage/schema.js';
import { harnessPerTest, signIn } from './test-utils/harness.js';
import type { StorageAdapter } from './types.js';

const server = createDevServer();
const harness = harnessPerTest(server);

const totalRequests = () => Object.values(server.counters.snapshot()).reduce((sum, n) => sum + n, 0);

describe('warm reload', () => {
  it('restores the session from IndexedDB with zero network requests', async () => {
    const storage = createIdbStorage({ dbName: `warm-reload-${Math.random()}` });
    const first = harness.client({ storage });
    await signIn(first, server);
    const token = await first.getAccessToken();
    first.destroy();
    server.counters.reset();

    const reloaded = harness.client({ storage });
    expect(reloaded.getSnapshot().status).toBe('loading');
    const snapshot = await reloaded.ready();
    expect(snapshot).toMatchObject({
      status: 'authenticated',
      isAuthenticated: true,
      scope: ['account_management.read'],
    });
    expect(await reloaded.getAccessToken()).toBe(token);
    expect(totalRequests()).toBe(0);
  });

  it('refreshes after a reload using the cached metadata (no discovery request)', async () => {
    const first = harness.client();
    await signIn(first, server);
    server.counters.reset();
    const reloaded = harness.client();
    await reloaded.getAccessToken({ forceRefresh: true });
    expect(server.counters.get('authorization_server_metadata')).toBe(0);
    expect(server.counters.get('token:refresh_token')).toBe(1);
  });

  it('starts signed out with no error when nothing is stored', async () => {
    const client = harness.client();
    expect(await client.ready()).toMatchObject({
      status: 'unauthenticated',
      error: null,
      signOutReason: null,
    });
  });
});

describe('corrupt or foreign storage', () => {
  async function withStoredSession(value: unknown) {
    const client = harness.client();
    await harness.storage.set(storageKeys(client.issuer, client.clientId).session, value);
    return client;
  }

  it.each([
    ['a string', 'garbage'],
    ['a future schema version', { v: 99, kind: 'session' }],
    ['another client', { v: 1, kind: 'session', issuer: 'x', clientId: 'other', tokens: {} }],
    [
      'a malformed token set',
      {
        v: 1,
        kind: 'session',
        issuer: server.issuer,
        clientId: 'telnyx-oauth-demo',
        tokens: { accessToken: 5 },
      },
    ],
  ])('starts signed out with a storage_error for %s, without throwing', async (_label, value) => {
    const client = await withStoredSession(value);
    const snapshot = await client.ready();
    expect(snapshot).toMatchObject({ status: 'unauthenticated', error: { code: 'storage_error' } });
    // and a new sign-in replaces the bad record
    await signIn(client, server);
    expect(client.getSnapshot().status).toBe('authenticated');
  });

  it('keeps a valid in-memory session when the stored record is corrupted underneath it', async () => {
    const client = harness.client();
    await signIn(client, server);
    const token = await client.getAccessToken();
    await harness.storage.set(storageKeys(client.issuer, client.clientId).session, {
      v: 1,
      kind: 'nonsense',
    });
    expect(await client.getAccessToken()).toBe(token);
    await expect(client.getAccessToken({ forceRefresh: true })).rejects.toMatchObject({
      code: 'storage_error',
    });
    expect(client.getSnapshot().isAuthenticated).toBe(true);
    expect(await client.getAccessToken()).toBe(token);
  });

  it('reports a throwing storage adapter as storage_error instead of crashing start-up', async () => {
    const broken: StorageAdapter = {
      get: () => Promise.reject(new Error('disk on fire')),
      set: () => Promise.reject(new Error('disk on fire')),
      del: () => Promise.reject(new Error('disk on fire')),
    };
    const client = harness.client({ storage: broken });
    expect(await client.ready()).toMatchObject({
      status: 'unauthenticated',
      error: { code: 'storage_error', recoverable: true },
    });
  });

  it('stores records with a schema version and never the tokens outside the session record', async () => {
    const client = harness.client();
    await signIn(client, server);
    const record = await harness.storage.get<SessionRecord>(
      storageKeys(client.issuer, client.clientId).session,
    );
    expect(record).toMatchObject({ v: 1, kind: 'session', issuer: client.issuer, clientId: client.clientId });
    const keys = (await harness.storage.keys?.('')) ?? [];
    const token = await client.getAccessToken();
    for (const key of keys) {
      if (key.endsWith(':session')) continue;
      expect(JSON.stringify(await harness.storage.get(key))).not.toContain(token);
    }
  });
});
