import { createDevServer } from '@telnyx-oauth/dev-server';
import { describe, expect, it, vi } from 'vitest';
import { channelName, storageKeys } from './names.js';
import { createHarness, harnessPerTest, signIn } from './test-utils/harness.js';
import type { AuthEvent } from './types.js';

const server = createDevServer();
const harness = harnessPerTest(server);

async function signedIn() {
  const client = harness.client();
  await signIn(client, server);
  return client;
}

/** Whether the server still accepts the access token (its management API answers 401 once revoked). */
async function isAccepted(token: string): Promise<boolean> {
  const response = await server.fetch('/v2/oauth_grants', { headers: { authorization: `Bearer ${token}` } });
  return response.status === 200;
}

describe('logout', () => {
  it('clears the session here and in every other tab, and revokes the refresh token', async () => {
    const tabA = await signedIn();
    const tabB = harness.client();
    await tabB.ready();
    const token = await tabA.getAccessToken();
    const eventsB: AuthEvent[] = [];
    tabB.on((event) => eventsB.push(event));

    await tabA.logout();

    expect(tabA.getSnapshot()).toMatchObject({
      status: 'unauthenticated',
      signOutReason: 'logout',
      error: null,
    });
    expect(await harness.storage.get(storageKeys(tabA.issuer, tabA.clientId).session)).toBeUndefined();
    expect(server.counters.get('revoke')).toBe(1);
    expect(await isAccepted(token)).toBe(false);
    await expect(tabA.getAccessToken()).rejects.toMatchObject({ code: 'login_required' });
    expect(tabB.getSnapshot()).toMatchObject({ status: 'unauthenticated', signOutReason: 'remote_logout' });
    expect(eventsB).toContainEqual({ type: 'signed_out', reason: 'remote_logout' });
  });

  it('announces signed_out only once storage is cleared (a listener may reload the page)', async () => {
    const client = await signedIn();
    const key = storageKeys(client.issuer, client.clientId).session;
    const storedAtEvent: unknown[] = [];
    client.on((event) => {
      if (event.type === 'signed_out') storedAtEvent.push(harness.storage.get(key));
    });
    await client.logout();
    expect(storedAtEvent).toHaveLength(1);
    expect(await storedAtEvent[0]).toBeUndefined();
  });

  it('skips revocation with revoke: false', async () => {
    const client = await signedIn();
    const token = await client.getAccessToken();
    await client.logout({ revoke: false });
    expect(server.counters.get('revoke')).toBe(0);
    expect(await isAccepted(token)).toBe(true);
  });

  it('sends no revocation request to a server without a revocation endpoint (like Telnyx today)', async () => {
    const local = createHarness({ revocationEndpoint: false });
    const client = local.client();
    await signIn(client, local.server);
    await client.logout();
    expect(local.server.counters.get('revoke')).toBe(0);
    expect(client.getSnapshot().status).toBe('unauthenticated');
    local.destroyAll();
  });

  it('clears local state even when the network is down, reporting the failed revocation as an event', async () => {
    const client = await signedIn();
    const events: AuthEvent[] = [];
    client.on((event) => events.push(event));
    server.faults.inject({ endpoint: 'revoke', drop: true });
    await expect(client.logout()).resolves.toBeUndefined();
    expect(client.getSnapshot().status).toBe('unauthenticated');
    expect(await harness.storage.get(storageKeys(client.issuer, client.clientId).session)).toBeUndefined();
    expect(events).toContainEqual({ type: 'signed_out', reason: 'logout' });
    expect(events).toContainEqual({
      type: 'error',
      error: expect.objectContaining({ code: 'network_error' }),
    });
  });

  it('clears local state even when storage fails', async () => {
    const client = await signedIn();
    harness.storage.del = () => Promise.reject(new Error('quota'));
    await expect(client.logout({ revoke: false })).resolves.toBeUndefined();
    expect(client.getSnapshot().status).toBe('unauthenticated');
  });

  it('is harmless when already signed out', async () => {
    const client = harness.client();
    await client.logout();
    expect(client.getSnapshot()).toMatchObject({ status: 'unauthenticated', signOutReason: 'logout' });
    expect(server.counters.get('revoke')).toBe(0);
  });

  it('announces sign-in to other tabs, which pick it up from storage', async () => {
    const tabB = harness.client();
    await tabB.ready();
    const events: AuthEvent[] = [];
    tabB.on((event) => events.push(event));
    await signedIn();
    await vi.waitFor(() => expect(tabB.getSnapshot().status).toBe('authenticated'));
    expect(events).toContainEqual({ type: 'signed_in' });
  });
});

describe('a signed_out message is a hint: tabs re-read storage and act on what it says (issue 11 finding 8)', () => {
  /** What any same-origin script can post on the library's channel. */
  function forge(client: { issuer: string; clientId: string }, reason: string): void {
    const channel = harness.channels(channelName(client.issuer, client.clientId));
    channel.postMessage({ v: 1, sender: 'forged', message: { type: 'signed_out', reason } });
    channel.close();
  }

  it('ignores a forged sign-out while the stored session is intact', async () => {
    const tabA = await signedIn();
    const tabB = harness.client();
    await tabB.ready();
    const events: AuthEvent[] = [];
    tabA.on((event) => events.push(event));
    tabB.on((event) => events.push(event));
    for (const reason of ['logout', 'refresh_rejected', 'storage_cleared']) forge(tabA, reason);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await tabA.getAccessToken(); // the message queue has run
    for (const tab of [tabA, tabB]) expect(tab.getSnapshot()).toMatchObject({ status: 'authenticated' });
    expect(events).toEqual([]);
    expect(await harness.storage.get(storageKeys(tabA.issuer, tabA.clientId).session)).toBeDefined();
  });

  it('adopts the newer session it finds in storage instead of signing out', async () => {
    const tabA = await signedIn();
    const tabB = harness.client({ broadcastChannel: null }); // refreshes without telling anyone
    await tabB.ready();
    const fresh = await tabB.getAccessToken({ forceRefresh: true });
    forge(tabA, 'logout');
    await vi.waitFor(() => expect(tabA.getAccessToken()).resolves.toBe(fresh));
    expect(tabA.getSnapshot().status).toBe('authenticated');
    expect(server.counters.get('refresh_reuse_detected')).toBe(0);
  });
});
