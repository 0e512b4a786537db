import { describe, expect, it } from 'vitest';
import {
  authorize,
  cookieHeader,
  createHandler,
  createUpstream,
  exchangeBody,
  json,
  request,
  setCookies,
  signIn,
  signedIn,
} from './test-utils/harness.js';

describe('concurrent refreshes (two tabs, one cookie)', () => {
  it('sends one upstream refresh for simultaneous requests; all get the same rotated result', async () => {
    const { upstream, handler, cookie, events } = await signedIn();
    // Hold the upstream refresh long enough that every request arrives while it is in flight.
    upstream.server.faults.inject({ endpoint: 'token', latencyMs: 100 });
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => handler(request('refresh', { cookie }))),
    );
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    const bodies = await Promise.all(responses.map((response) => json(response.clone())));
    expect(new Set(bodies.map((body) => body['access_token'])).size).toBe(1);
    expect(upstream.server.counters.get('token:refresh_token')).toBe(1);
    expect(upstream.server.counters.get('refresh_reuse_detected')).toBe(0);
    // one request called upstream; the other four shared its result (in whatever order they finished)
    const shared = events.filter((event) => event.endpoint === 'refresh').map((event) => event.shared);
    expect(shared.filter((value) => value === false)).toHaveLength(1);
    expect(shared.filter((value) => value === true)).toHaveLength(4);
    // every answer carries a cookie for the same rotated refresh token: whichever the browser keeps works
    const next = await handler(request('refresh', { cookie: cookieHeader(responses[4] as Response) }));
    expect(next.status).toBe(200);
    expect(upstream.server.counters.get('refresh_reuse_detected')).toBe(0);
  });

  it('hands a request still carrying the old cookie the same result within the reuse window', async () => {
    let now = Date.now();
    const { upstream, handler, cookie } = await signedIn({ reuseWindow: 10_000, now: () => now });
    const first = await handler(request('refresh', { cookie }));
    now += 3_000;
    const late = await handler(request('refresh', { cookie }));
    expect(late.status).toBe(200);
    const [a, b] = [await json(first.clone()), await json(late.clone())];
    expect(b['access_token']).toBe(a['access_token']);
    // the shared result's lifetime counts from when the upstream answered
    expect(b['expires_in']).toBe((a['expires_in'] as number) - 3);
    expect(upstream.server.counters.get('token:refresh_token')).toBe(1);
    expect(setCookies(late)[0]?.value).not.toBe('');

    now += 10_000; // past the window: the old cookie holds a spent refresh token
    const stale = await handler(request('refresh', { cookie }));
    expect(await json(stale)).toMatchObject({ error: 'session_expired' });
    expect(upstream.server.counters.get('refresh_reuse_detected')).toBe(1);
  });

  it('a failed refresh keeps the session for every tab, and the next refresh works', async () => {
    // That waiting requests share the failure rather than each calling upstream is proven without timing
    // in single-flight.test.ts; here every upstream call fails, however the requests overlap.
    const { upstream, handler, cookie } = await signedIn(
      { maxRetries: 0 },
      { endpoint: 'token', status: 500, count: 3, latencyMs: 50 },
    );
    const failed = await Promise.all([1, 2, 3].map(() => handler(request('refresh', { cookie }))));
    expect(failed.map((response) => response.status)).toEqual([503, 503, 503]);
    expect(failed.flatMap((response) => response.headers.getSetCookie())).toEqual([]);
    upstream.server.faults.clear();
    const retried = await handler(request('refresh', { cookie }));
    expect(retried.status).toBe(200);
    expect(upstream.server.counters.get('refresh_reuse_detected')).toBe(0);
  });

  it('after logout, the reuse window does not hand the session back to an older cookie', async () => {
    const { handler, cookie: old } = await signedIn({ server: { revocationEndpoint: false } });
    const refreshed = await handler(request('refresh', { cookie: old }));
    await handler(request('logout', { cookie: cookieHeader(refreshed) }));
    const again = await handler(request('refresh', { cookie: old }));
    expect(await json(again)).toMatchObject({ error: 'session_expired' }); // upstream: a spent token
  });
});

describe('the code exchange', () => {
  it('refuses a replayed code after the window (the upstream also revokes what it issued)', async () => {
    const upstream = await createUpstream();
    const handler = createHandler(upstream, { reuseWindow: 0 });
    const auth = await authorize(upstream);
    const { cookie } = { cookie: cookieHeader(await handler(request('token', exchangeBody(auth)))) };
    const replay = await handler(request('token', exchangeBody(auth)));
    expect(replay.status).toBe(400);
    expect(await json(replay.clone())).toEqual({
      error: 'invalid_grant',
      error_description: expect.any(String),
    });
    expect(replay.headers.getSetCookie()).toEqual([]);
    expect(upstream.server.counters.get('code_reuse_detected')).toBe(1);
    // RFC 6749 §4.1.2: the tokens issued from the replayed code are revoked upstream
    expect(await json(await handler(request('refresh', { cookie })))).toMatchObject({
      error: 'session_expired',
    });
  });

  it('refuses a code with the wrong verifier, even within the window', async () => {
    const upstream = await createUpstream();
    const handler = createHandler(upstream);
    const auth = await authorize(upstream);
    const wrong = await handler(request('token', exchangeBody({ ...auth, verifier: 'w'.repeat(43) })));
    expect(await json(wrong)).toMatchObject({ error: 'invalid_grant' });
  });

  it('exchanges a code once when the same exchange arrives twice at once (StrictMode, double click)', async () => {
    const upstream = await createUpstream();
    const handler = createHandler(upstream);
    const auth = await authorize(upstream);
    upstream.server.faults.inject({ endpoint: 'token', latencyMs: 50 });
    const [a, b] = await Promise.all([
      handler(request('token', exchangeBody(auth))),
      handler(request('token', exchangeBody(auth))),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((await json(a))['access_token']).toBe((await json(b))['access_token']);
    expect(upstream.server.counters.get('token:authorization_code')).toBe(1);
    expect(upstream.server.counters.get('code_reuse_detected')).toBe(0);
  });

  it('replaces the session: a new sign-in sets a new cookie', async () => {
    const upstream = await createUpstream();
    const handler = createHandler(upstream);
    const first = await signIn(handler, upstream);
    const second = await signIn(handler, upstream);
    expect(second.cookie).not.toBe(first.cookie);
  });
});
