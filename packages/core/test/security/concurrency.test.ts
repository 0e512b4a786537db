/**
 * Concurrency with rotating refresh tokens and reuse detection on (issue 8; peer pitfalls: OCT #430, auth0-spa-js
 * #553): 5 tabs (clients sharing storage, lock manager and broadcast channel) x 20 simultaneous getAccessToken()
 * calls each, across several expiries in a row. Exactly one token request per expiry, zero reuse detections,
 * zero sign-outs, and every caller gets the same, current token.
 *
 * The two-tab and single-tab cases are in src/refresh.test.ts ("getAccessToken").
 */
import { createDevServer } from '@telnyx-oauth/dev-server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { harnessPerTest, signIn } from '../../src/test-utils/harness.js';
import type { AuthEvent } from '../../src/types.js';

const TABS = 5;
const CALLS_PER_TAB = 20;
const EXPIRIES = 4;
const TTL_MS = 1800 * 1000;

const server = createDevServer({ rotateRefreshTokens: true });
const harness = harnessPerTest(server);
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] }); // the clock only: locks, latency and I/O run for real
});
afterEach(() => {
  vi.useRealTimers();
});

async function openTabs() {
  const first = harness.client();
  await signIn(first, server);
  const tabs = [first, ...Array.from({ length: TABS - 1 }, () => harness.client())];
  await Promise.all(tabs.map((tab) => tab.ready()));
  const events: AuthEvent[] = [];
  for (const tab of tabs) tab.on((event) => events.push(event));
  server.counters.reset();
  return { tabs, events };
}

describe(`${TABS} tabs x ${CALLS_PER_TAB} simultaneous getAccessToken() calls`, () => {
  it(`send one token request per expiry, ${EXPIRIES} expiries in a row, with no reuse and no sign-out`, async () => {
    const { tabs, events } = await openTabs();
    server.config.latencyMs = 20; // so that the calls really overlap the request
    let previous = await tabs[0]!.getAccessToken();
    for (let expiry = 1; expiry <= EXPIRIES; expiry += 1) {
      vi.setSystemTime(Date.now() + TTL_MS + 1_000);
      const tokens = await Promise.all(
        tabs.flatMap((tab) => Array.from({ length: CALLS_PER_TAB }, () => tab.getAccessToken())),
      );
      expect(new Set(tokens).size).toBe(1);
      expect(tokens[0]).not.toBe(previous);
      previous = tokens[0]!;
      expect(server.counters.get('token')).toBe(expiry);
    }
    expect(server.counters.get('token:refresh_token')).toBe(EXPIRIES);
    expect(server.counters.get('refresh_reuse_detected')).toBe(0);
    expect(events.filter((event) => event.type === 'signed_out' || event.type === 'error')).toEqual([]);
    for (const tab of tabs) expect(tab.getSnapshot()).toMatchObject({ status: 'authenticated', error: null });
  });

  it('forced refreshes from every tab at once (a 401 everywhere) still send one request and trip no reuse', async () => {
    const { tabs, events } = await openTabs();
    const stale = await tabs[0]!.getAccessToken();
    const tokens = await Promise.all(
      tabs.flatMap((tab) =>
        Array.from({ length: CALLS_PER_TAB }, () => tab.getAccessToken({ forceRefresh: true })),
      ),
    );
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(stale);
    expect(server.counters.get('token:refresh_token')).toBe(1);
    expect(server.counters.get('refresh_reuse_detected')).toBe(0);
    expect(events.some((event) => event.type === 'signed_out')).toBe(false);
  });
});
