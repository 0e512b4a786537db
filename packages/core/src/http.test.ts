/** Over real sockets: the client against the dev server listening on 127.0.0.1 (port 0). */
import { PUBLIC_CLIENT_ID, startDevServer, type RunningDevServer } from '@telnyx-oauth/dev-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelnyxAuth } from './client.js';
import { createFakeWindow, REDIRECT_URI } from './test-utils/harness.js';

let running: RunningDevServer;
beforeAll(async () => {
  running = await startDevServer({ port: 0, host: '127.0.0.1' });
});
afterAll(() => running.close());

describe('over HTTP', () => {
  it('signs in, refreshes and survives a dropped connection using the global fetch', async () => {
    const win = createFakeWindow();
    const client = createTelnyxAuth({
      clientId: PUBLIC_CLIENT_ID,
      redirectUri: REDIRECT_URI,
      scope: 'account_management.read',
      issuer: running.url,
      storage: 'memory',
      window: win as unknown as Pick<Window, 'location' | 'history'>,
      broadcastChannel: null,
      maxRetryDelay: 3000,
    });
    const callback = await running.server.completeAuthorization(await client.buildAuthorizeUrl());
    win.location.href = callback;
    await client.handleRedirectCallback();
    expect(client.getSnapshot().status).toBe('authenticated');
    const first = await client.getAccessToken();

    const grants = await client.fetch(`${running.url}/v2/oauth_grants`);
    expect(grants.status).toBe(200);

    running.server.faults.inject({ endpoint: 'token', drop: true, count: 1 });
    const refreshed = await client.getAccessToken({ forceRefresh: true });
    expect(refreshed).not.toBe(first);
    expect(running.server.counters.get('token:refresh_token')).toBeGreaterThanOrEqual(1);
    expect(running.server.counters.get('refresh_reuse_detected')).toBe(0);

    await client.logout();
    expect(running.server.counters.get('revoke')).toBe(1);
    client.destroy();
  });
});
