/** Proactive refresh is rechecked when the page becomes visible again or the network comes back. */
import { createDevServer } from '@telnyx-oauth/dev-server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { harnessPerTest, signIn } from './test-utils/harness.js';

const server = createDevServer();
const harness = harnessPerTest(server);
let doc: EventTarget & { visibilityState: string };
let win: EventTarget;

beforeEach(() => {
  doc = Object.assign(new EventTarget(), { visibilityState: 'visible' });
  win = new EventTarget();
  vi.stubGlobal('document', doc);
  vi.stubGlobal('window', win);
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

async function signedIn() {
  const client = harness.client({ autoRefresh: true });
  await signIn(client, server);
  server.counters.reset();
  return client;
}

describe('wake-up checks', () => {
  it('refreshes on visibilitychange when the token became due while timers were throttled', async () => {
    await signedIn();
    vi.setSystemTime(Date.now() + 1800_000 - 10_000); // the clock moved, the (throttled) timer has not fired
    doc.visibilityState = 'hidden';
    doc.dispatchEvent(new Event('visibilitychange'));
    await vi.waitFor(() => expect(server.counters.get('token')).toBe(0));
    doc.visibilityState = 'visible';
    doc.dispatchEvent(new Event('visibilitychange'));
    await vi.waitFor(() => expect(server.counters.get('token:refresh_token')).toBe(1));
  });

  it('retries at once when the network comes back after a failed background refresh', async () => {
    const client = await signedIn();
    server.faults.inject({ endpoint: 'token', drop: true, count: 3 });
    vi.setSystemTime(Date.now() + 1800_000 - 10_000);
    doc.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(5_000); // 1 + 2 retries, all dropped
    await vi.waitFor(() => expect(client.getSnapshot().status).toBe('error'));
    expect(server.counters.get('token')).toBe(3);
    win.dispatchEvent(new Event('online'));
    await vi.waitFor(() =>
      expect(client.getSnapshot()).toMatchObject({ status: 'authenticated', error: null }),
    );
    expect(server.counters.get('token')).toBe(4);
  });

  it('re-reads the shared session on visibilitychange, so tabs without BroadcastChannel see a sign-out', async () => {
    const tabA = harness.client({ autoRefresh: true, broadcastChannel: null });
    await signIn(tabA, server);
    const tabB = harness.client({ autoRefresh: true, broadcastChannel: null });
    await tabB.ready();
    expect(tabB.getSnapshot().status).toBe('authenticated');
    await tabA.logout();
    expect(tabB.getSnapshot().status).toBe('authenticated'); // no channel: B has not heard
    doc.dispatchEvent(new Event('visibilitychange'));
    await vi.waitFor(() =>
      expect(tabB.getSnapshot()).toMatchObject({
        status: 'unauthenticated',
        signOutReason: 'storage_cleared',
      }),
    );
  });

  it('removes its listeners on destroy', async () => {
    const client = await signedIn();
    client.destroy();
    vi.setSystemTime(Date.now() + 1800_000 - 10_000);
    doc.dispatchEvent(new Event('visibilitychange'));
    win.dispatchEvent(new Event('online'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(server.counters.get('token')).toBe(0);
  });
});
