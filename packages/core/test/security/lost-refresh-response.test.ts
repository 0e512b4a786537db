/**
 * A refresh whose answer is lost after the server processed it (issue 11, finding 10): the server rotated the
 * refresh token, but the response never arrived, so the client still holds the token the server considers
 * spent. Its next refresh presents that token again.
 *
 * - With a reuse grace window (Auth0's and Okta's "reuse interval"; the dev server's `reuseGrace`), the server
 *   takes that as a retry and hands out the successor again: the session survives, and keeps refreshing.
 * - Without one (strict reuse detection, RFC 9700 §4.14.2) the server revokes the token family: the session must
 *   end cleanly, with a typed `refresh_rejected`, storage cleared and every tab signed out, never a loop.
 *
 * The dev server's `loseResponse` fault processes the call and then drops the connection (`drop` fires before
 * processing, so nothing would have been rotated).
 */
import { createDevServer } from '@telnyx-oauth/dev-server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TelnyxAuthError } from '../../src/errors.js';
import { storageKeys } from '../../src/names.js';
import { createHarness, signIn } from '../../src/test-utils/harness.js';
import { drive, recordEvents } from '../../src/test-utils/fake-time.js';

const TTL_MS = 1800 * 1000;
const GRACE_SECONDS = 30;
/** Short timers (refresh backoff) fire while a request's 30 s deadline does not cut off its real I/O. */
const SMALL_STEPS = { step: 250 };

let harness: ReturnType<typeof createHarness>;

beforeEach(() => {
  // Backoff and the clock on fake time; IndexedDB and the dev server's WebCrypto on real time.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  harness.destroyAll();
  vi.useRealTimers();
});

/** Two tabs (shared storage, locks and broadcast channel), signed in, the access token expired. */
async function twoTabsWithExpiredToken(reuseGrace: number) {
  const server = createDevServer({ reuseGrace });
  harness = createHarness(server);
  const first = harness.client();
  await drive(signIn(first, server), SMALL_STEPS);
  const second = harness.client();
  await drive(second.ready(), SMALL_STEPS);
  expect(second.getSnapshot().status).toBe('authenticated');
  const sessionKey = storageKeys(first.issuer, first.clientId).session;
  const stored = (await harness.storage.get(sessionKey)) as { tokens: { refreshToken: string } };
  server.counters.reset();
  vi.setSystemTime(Date.now() + TTL_MS + 1_000);
  return { server, first, second, sessionKey, spentRefreshToken: stored.tokens.refreshToken };
}

describe('a refresh answer lost after the server rotated the token', () => {
  it(`with a ${GRACE_SECONDS} s reuse grace window: the retry gets the successor, the session survives in every tab`, async () => {
    const { server, first, second, sessionKey, spentRefreshToken } =
      await twoTabsWithExpiredToken(GRACE_SECONDS);
    const firstEvents = recordEvents(first);
    const secondEvents = recordEvents(second);
    server.faults.inject({ endpoint: 'token', loseResponse: true });

    const token = await drive(first.getAccessToken(), SMALL_STEPS);
    expect(typeof token).toBe('string');
    expect(server.counters.get('token:refresh_token')).toBe(2); // the lost one, and the retry
    expect(server.counters.get('refresh_reuse_within_grace')).toBe(1);
    expect(server.counters.get('refresh_reuse_detected')).toBe(0);
    const stored = (await harness.storage.get(sessionKey)) as { tokens: { refreshToken: string } };
    expect(stored.tokens.refreshToken).not.toBe(spentRefreshToken); // the successor, from the retry
    expect(first.getSnapshot()).toMatchObject({ status: 'authenticated', error: null });

    // The next refresh presents the successor and rotates normally; the other tab follows.
    vi.setSystemTime(Date.now() + TTL_MS + 1_000);
    const next = await drive(second.getAccessToken(), SMALL_STEPS);
    expect(typeof next).toBe('string');
    expect(next).not.toBe(token);
    expect(server.counters.get('token:refresh_token')).toBe(3);
    expect(server.counters.get('refresh_reuse_detected')).toBe(0);
    await drive(first.getAccessToken(), SMALL_STEPS);
    for (const tab of [first, second]) {
      expect(tab.getSnapshot()).toMatchObject({ status: 'authenticated', isAuthenticated: true });
    }
    expect([...firstEvents, ...secondEvents].some((event) => event.type === 'signed_out')).toBe(false);
  });

  it('without a grace window: the retry is reuse, and the session ends cleanly in every tab', async () => {
    const { server, first, second, sessionKey } = await twoTabsWithExpiredToken(0);
    const firstEvents = recordEvents(first);
    const secondEvents = recordEvents(second);
    server.faults.inject({ endpoint: 'token', loseResponse: true });

    const outcome = await drive(first.getAccessToken(), SMALL_STEPS);

    expect(outcome).toBeInstanceOf(TelnyxAuthError);
    expect(outcome).toMatchObject({ code: 'refresh_rejected', oauthError: 'invalid_grant' });
    expect(server.counters.get('refresh_reuse_detected')).toBe(1);
    expect(server.counters.get('token:refresh_token')).toBe(2); // no storm: the lost one, one retry
    expect(await harness.storage.get(sessionKey)).toBeUndefined();
    expect(first.getSnapshot()).toMatchObject({
      status: 'unauthenticated',
      isAuthenticated: false,
      signOutReason: 'refresh_rejected',
      error: { code: 'refresh_rejected' },
    });
    expect(firstEvents).toContainEqual({ type: 'signed_out', reason: 'refresh_rejected' });
    // The other tab learns over the broadcast channel.
    await vi.waitFor(() => expect(second.getSnapshot().status).toBe('unauthenticated'));
    expect(second.getSnapshot()).toMatchObject({ isAuthenticated: false, signOutReason: 'refresh_rejected' });
    expect(secondEvents).toContainEqual({ type: 'signed_out', reason: 'refresh_rejected' });
    // Signed out means signed out: asking again sends nothing and answers login_required.
    await expect(drive(second.getAccessToken(), SMALL_STEPS)).resolves.toMatchObject({
      code: 'login_required',
    });
    expect(server.counters.get('token')).toBe(2);
  });
});
