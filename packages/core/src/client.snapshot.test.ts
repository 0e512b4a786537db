/** The observable store as bindings see it: statuses in order, stable identity, events. */
import { createDevServer } from '@telnyx-oauth/dev-server';
import { describe, expect, it } from 'vitest';
import { createIdbStorage } from './storage/idb.js';
import { harnessPerTest, signIn } from './test-utils/harness.js';
import type { AuthEvent, AuthStatus } from './types.js';

const server = createDevServer();
const harness = harnessPerTest(server);

/** Every status the client goes through (a notification can also be for another field, e.g. `pending`). */
function recordStatuses(client: ReturnType<typeof harness.client>): AuthStatus[] {
  const statuses: AuthStatus[] = [];
  client.subscribe(() => {
    const { status } = client.getSnapshot();
    if (statuses.at(-1) !== status) statuses.push(status);
  });
  return statuses;
}

describe('snapshots and events', () => {
  it('a throwing event listener neither breaks sign-in nor starves the listeners after it', async () => {
    const thrown: unknown[] = [];
    const onError = (error: unknown) => thrown.push(error);
    process.on('uncaughtException', onError);
    try {
      const client = harness.client();
      client.on(() => {
        throw new Error('bad listener');
      });
      const events: AuthEvent[] = [];
      client.on((event) => events.push(event));
      await signIn(client, server);
      expect(client.getSnapshot().status).toBe('authenticated');
      expect(events.map((event) => event.type)).toEqual(['signed_in']);
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(thrown).toEqual([new Error('bad listener')]);
    } finally {
      process.off('uncaughtException', onError);
    }
  });

  it('goes loading -> unauthenticated -> authenticated -> refreshing -> authenticated -> unauthenticated', async () => {
    const client = harness.client();
    const events: AuthEvent[] = [];
    client.on((event) => events.push(event));
    expect(client.getSnapshot().status).toBe('loading');
    const statuses = recordStatuses(client);
    await signIn(client, server);
    await client.getAccessToken({ forceRefresh: true });
    await client.logout();
    expect(statuses).toEqual([
      'unauthenticated',
      'authenticated',
      'refreshing',
      'authenticated',
      'unauthenticated',
    ]);
    expect(events.map((event) => event.type)).toEqual(['signed_in', 'refreshed', 'signed_out']);
  });

  it('keeps the snapshot identity across reads that change nothing', async () => {
    const client = harness.client();
    await signIn(client, server);
    const snapshot = client.getSnapshot();
    await client.getAccessToken();
    await client.ready();
    expect(client.getSnapshot()).toBe(snapshot);
  });

  it('serves a loading server snapshot that never changes', async () => {
    const client = harness.client();
    const serverSnapshot = client.getServerSnapshot();
    await signIn(client, server);
    expect(client.getServerSnapshot()).toBe(serverSnapshot);
    expect(serverSnapshot).toMatchObject({ status: 'loading', isLoading: true, isAuthenticated: false });
  });

  it('stops notifying after unsubscribe and after destroy', async () => {
    const client = harness.client();
    let calls = 0;
    const unsubscribe = client.subscribe(() => (calls += 1));
    await client.ready();
    expect(calls).toBe(1);
    unsubscribe();
    await signIn(client, server);
    expect(calls).toBe(1);
  });
});

describe('two tabs on one IndexedDB database', () => {
  it('share the session, one refresh between them, and sign out together', async () => {
    const dbName = `two-tabs-${Math.random()}`;
    const tabA = harness.client({ storage: createIdbStorage({ dbName }) });
    const tabB = harness.client({ storage: createIdbStorage({ dbName }) });
    await tabB.ready();
    await signIn(tabA, server);
    const statusesB = recordStatuses(tabB);
    await expect.poll(() => tabB.getSnapshot().status, { timeout: 2000 }).toBe('authenticated');
    server.counters.reset();
    const [a, b] = await Promise.all([
      tabA.getAccessToken({ forceRefresh: true }),
      tabB.getAccessToken({ forceRefresh: true }),
    ]);
    expect(a).toBe(b);
    expect(server.counters.get('token:refresh_token')).toBe(1);
    expect(server.counters.get('refresh_reuse_detected')).toBe(0);
    await tabA.logout();
    await expect.poll(() => tabB.getSnapshot().signOutReason, { timeout: 2000 }).toBe('remote_logout');
    expect(statusesB.at(-1)).toBe('unauthenticated');
  });
});
