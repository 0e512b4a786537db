import { describe, expect, it } from 'vitest';
import {
  APP,
  authorize,
  BASE,
  cookieHeader,
  createHandler,
  createUpstream,
  exchangeBody,
  json,
  LOCAL_APP,
  LOCAL_REDIRECT_URI,
  request,
  SCOPE,
  setCookies,
  signIn,
  signedIn,
} from './test-utils/harness.js';

describe('sign-in, refresh, session and logout against the dev server', () => {
  it('exchanges a code: the browser gets an access token, the refresh token stays in an encrypted cookie', async () => {
    const upstream = await createUpstream();
    const handler = createHandler(upstream);
    const auth = await authorize(upstream);
    const response = await handler(request('token', exchangeBody(auth)));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = await json(response.clone());
    expect(Object.keys(body).sort()).toEqual([
      'access_token',
      'expires_in',
      'refresh',
      'scope',
      'token_type',
    ]);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 1800, scope: SCOPE, refresh: true });
    expect(upstream.server.counters.get('token:authorization_code')).toBe(1);

    const [cookie, ...others] = setCookies(response);
    expect(others).toEqual([]);
    expect(cookie?.name).toBe('__Secure-telnyx-auth');
    expect(cookie?.value).toMatch(/^v1\.[\w-]{8}\.[\w-]{16}\.[\w-]+$/);
    expect(Object.fromEntries(cookie?.attributes ?? [])).toEqual({
      path: BASE,
      'max-age': String(30 * 24 * 60 * 60),
      httponly: '',
      samesite: 'Strict',
      secure: '',
    });
  });

  it('on a loopback http origin the cookie is neither Secure nor prefixed', async () => {
    const { response } = await signedIn({ redirectUri: LOCAL_REDIRECT_URI });
    const [cookie] = setCookies(response);
    expect(cookie?.name).toBe('telnyx-auth');
    expect(cookie?.attributes.has('secure')).toBe(false);
    expect(cookie?.attributes.get('samesite')).toBe('Strict');
    expect(cookie?.attributes.has('httponly')).toBe(true);
  });

  it('refreshes with the cookie: a new access token, the rotated refresh token in a new cookie', async () => {
    const first = await signedIn({ reuseWindow: 0 });
    const { upstream, handler } = first;
    const response = await handler(request('refresh', { cookie: first.cookie }));
    expect(response.status).toBe(200);
    const body = await json(response.clone());
    expect(body).toMatchObject({ token_type: 'Bearer', scope: SCOPE, refresh: true });
    expect(body['access_token']).not.toBe(first.body['access_token']);
    expect(upstream.server.counters.get('token:refresh_token')).toBe(1);
    const second = cookieHeader(response);
    expect(second).not.toBe(first.cookie);

    // The new cookie works; the old one holds a spent refresh token (the dev server rotates).
    expect((await handler(request('refresh', { cookie: second }))).status).toBe(200);
    const stale = await handler(request('refresh', { cookie: first.cookie }));
    expect(stale.status).toBe(401);
    expect(await json(stale)).toMatchObject({ error: 'session_expired' });
    expect(setCookies(stale)[0]?.attributes.get('max-age')).toBe('0');
  });

  it('keeps the refresh token when the server does not rotate it', async () => {
    const { upstream, handler, cookie } = await signedIn({
      server: { rotateRefreshTokens: false },
      reuseWindow: 0,
    });
    const first = await handler(request('refresh', { cookie }));
    expect(first.status).toBe(200);
    expect(await json(first.clone())).toMatchObject({ refresh: true, scope: SCOPE });
    // the re-sealed cookie and the old one both still work
    expect((await handler(request('refresh', { cookie: cookieHeader(first) }))).status).toBe(200);
    expect((await handler(request('refresh', { cookie }))).status).toBe(200);
    expect(upstream.server.counters.get('token:refresh_token')).toBe(3);
  });

  it('reports the session without any token', async () => {
    const upstream = await createUpstream();
    const handler = createHandler(upstream);
    const none = await handler(request('session'));
    expect(await json(none)).toEqual({ active: false });
    expect(none.headers.getSetCookie()).toEqual([]);
    const { cookie } = await signIn(handler, upstream);
    const active = await handler(request('session', { cookie }));
    const body = await json(active);
    expect(body).toEqual({ active: true, scope: SCOPE, expires_at: expect.any(Number) });
    expect(upstream.server.counters.get('token')).toBe(1); // no upstream call for the status
  });

  it('logs out: revokes the refresh token upstream and clears the cookie', async () => {
    const { upstream, handler, cookie } = await signedIn();
    const response = await handler(request('logout', { cookie }));
    expect(response.status).toBe(200);
    expect(await json(response.clone())).toEqual({ revoked: true });
    expect(upstream.server.counters.get('revoke')).toBe(1);
    const [cleared] = setCookies(response);
    expect(cleared).toMatchObject({ name: '__Secure-telnyx-auth', value: '' });
    expect(cleared?.attributes.get('max-age')).toBe('0');
    expect(cleared?.attributes.get('path')).toBe(BASE);
    // the revoked token is dead upstream even if the cookie were replayed
    const replay = await handler(request('refresh', { cookie }));
    expect(await json(replay)).toMatchObject({ error: 'session_expired' });
  });

  it('logs out without revoking when the server has no revocation endpoint, and without a session', async () => {
    const { upstream, handler, cookie } = await signedIn({ server: { revocationEndpoint: false } });
    const response = await handler(request('logout', { cookie }));
    expect(await json(response.clone())).toEqual({ revoked: false });
    expect(setCookies(response)[0]?.attributes.get('max-age')).toBe('0');
    const anonymous = await handler(request('logout'));
    expect(await json(anonymous)).toEqual({ revoked: false });
    expect(upstream.server.counters.get('revoke')).toBe(0);
  });

  it('answers no_session for a refresh without a cookie', async () => {
    const upstream = await createUpstream();
    const handler = createHandler(upstream);
    const response = await handler(request('refresh'));
    expect(response.status).toBe(401);
    expect(await json(response)).toEqual({
      error: 'no_session',
      error_description: expect.any(String),
    });
    expect(upstream.server.counters.get('token')).toBe(0);
  });

  it('discovers the metadata once and reuses it', async () => {
    const upstream = await createUpstream();
    const handler = createHandler(upstream, { reuseWindow: 0 });
    const { cookie } = await signIn(handler, upstream);
    await handler(request('refresh', { cookie }));
    expect(upstream.server.counters.get('authorization_server_metadata')).toBe(1);
  });

  it('uses client_secret_post when configured', async () => {
    const { body } = await signedIn({ tokenEndpointAuthMethod: 'client_secret_post' });
    expect(body['refresh']).toBe(true);
  });

  it('exchanges for a loopback origin too', async () => {
    const upstream = await createUpstream();
    const handler = createHandler(upstream);
    const auth = await authorize(upstream, LOCAL_REDIRECT_URI);
    const response = await handler(request('token', exchangeBody(auth)));
    expect(response.status).toBe(200);
    expect(exchangeBody(auth).origin).toBe(LOCAL_APP);
    expect(APP).not.toBe(LOCAL_APP);
  });
});
