import { createDevServer } from '@telnyx-oauth/dev-server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { storageKeys } from './names.js';
import { createHarness, signIn } from './test-utils/harness.js';
import type { AuthEvent } from './types.js';

const server = createDevServer();
let harness: ReturnType<typeof createHarness>;
beforeEach(() => {
  server.reset();
  harness = createHarness(server);
});
afterEach(() => harness.destroyAll());

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
