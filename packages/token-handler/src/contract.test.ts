import { describe, expect, it } from 'vitest';
import { CONTRACT_HEADER, CONTRACT_VERSION } from './contract.js';
import {
  APP,
  authorize,
  cookieHeader,
  createHandler,
  createUpstream,
  exchangeBody,
  json,
  LOCAL_APP,
  REDIRECT_URI,
  request,
  setCookies,
  signedIn,
} from './test-utils/harness.js';

async function expectError(response: Response, status: number, error: string): Promise<void> {
  expect(response.status).toBe(status);
  expect(response.headers.get('cache-control')).toBe('no-store');
  const body = await json(response.clone());
  expect(body['error']).toBe(error);
  expect(typeof body['error_description']).toBe('string');
  expect([...response.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
}

describe('same-origin only (CSRF)', () => {
  it.each([
    ['no Origin', null],
    ['a foreign Origin', 'https://evil.example'],
    ['an opaque Origin', 'null'],
    ['another port of the app', 'https://app.example:8443'],
    ['http instead of https', 'http://app.example'],
    ['an Origin with a path', `${APP}/`],
  ])('refuses %s on every endpoint, before touching the cookie or the upstream', async (_name, origin) => {
    const { upstream, handler, cookie } = await signedIn();
    for (const endpoint of ['token', 'refresh', 'logout', 'session']) {
      const response = await handler(request(endpoint, { origin, cookie }));
      await expectError(response, 403, 'origin_not_allowed');
      expect(response.headers.getSetCookie()).toEqual([]);
    }
    expect(upstream.server.counters.get('token') + upstream.server.counters.get('revoke')).toBe(0);
  });

  it('refuses a request the browser marks as cross-site or same-site (Fetch Metadata)', async () => {
    const { handler, cookie } = await signedIn();
    for (const site of ['cross-site', 'same-site', 'none']) {
      const response = await handler(request('refresh', { cookie, headers: { 'Sec-Fetch-Site': site } }));
      await expectError(response, 403, 'origin_not_allowed');
    }
    const sameOrigin = await handler(
      request('session', { cookie, headers: { 'Sec-Fetch-Site': 'same-origin' } }),
    );
    expect(await json(sameOrigin)).toMatchObject({ active: true });
  });

  it('requires the X-Telnyx-Auth header, and speaks version 1 only', async () => {
    const { upstream, handler, cookie } = await signedIn();
    const bare = request('refresh', { cookie });
    bare.headers.delete(CONTRACT_HEADER);
    await expectError(await handler(bare), 403, 'csrf_header_missing');
    const v2 = await handler(request('refresh', { cookie, headers: { [CONTRACT_HEADER]: '2' } }));
    await expectError(v2, 400, 'unsupported_version');
    expect(upstream.server.counters.get('token')).toBe(0);
  });

  it('answers only POST; a preflight gets no CORS headers', async () => {
    const { handler, cookie } = await signedIn();
    for (const method of ['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']) {
      const response = await handler(
        request('session', {
          method,
          cookie,
          headers: {
            'Access-Control-Request-Method': 'POST',
            'Access-Control-Request-Headers': CONTRACT_HEADER,
          },
        }),
      );
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
      expect([...response.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
  });

  it('answers 404 for other paths, and never a token', async () => {
    const { handler, cookie } = await signedIn();
    for (const path of [
      '/api/auth',
      '/api/auth/',
      '/api/auth/tokens',
      '/api/auth/token/',
      '/api/authtoken',
      '/token',
    ]) {
      const response = await handler(
        new Request(new URL(path, APP), {
          method: 'POST',
          headers: { Origin: APP, [CONTRACT_HEADER]: CONTRACT_VERSION, Cookie: cookie },
        }),
      );
      await expectError(response, 404, 'not_found');
    }
  });
});

describe('bounded, well-formed bodies', () => {
  it('refuses a body larger than maxBodyBytes, declared or streamed, without reading it all', async () => {
    const { upstream, handler } = await signedIn();
    const big = JSON.stringify({
      code: 'x'.repeat(5000),
      code_verifier: 'v'.repeat(43),
      redirect_uri: REDIRECT_URI,
    });
    const declared = await handler(
      request('token', { headers: { 'Content-Type': 'application/json' }, body: big }),
    );
    await expectError(declared, 413, 'body_too_large');

    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(1024).fill(0x20));
      },
    });
    const streamed = await handler(
      request('token', { headers: { 'Content-Type': 'application/json' }, body: endless }),
    );
    await expectError(streamed, 413, 'body_too_large');
    expect(pulled).toBeLessThan(10);
    // every endpoint bounds its body, even those that ignore it
    const refresh = await handler(request('refresh', { body: 'x'.repeat(5000) }));
    await expectError(refresh, 413, 'body_too_large');
    expect(upstream.server.counters.get('token')).toBe(0);
  });

  it('answers invalid_request when the body stream fails mid-read (the client went away)', async () => {
    const { handler } = await signedIn();
    const failing = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"code":'));
        controller.error(new Error('socket hang up'));
      },
    });
    const response = await handler(
      request('token', { headers: { 'Content-Type': 'application/json' }, body: failing }),
    );
    await expectError(response, 400, 'invalid_request');
  });

  it('takes maxBodyBytes from the options', async () => {
    const upstream = await createUpstream();
    const handler = createHandler(upstream, { maxBodyBytes: 600 });
    const response = await handler(request('session', { body: 'x'.repeat(601) }));
    await expectError(response, 413, 'body_too_large');
  });

  it('requires JSON for the code exchange', async () => {
    const { upstream, handler } = await signedIn();
    const auth = await authorize(upstream);
    const call = exchangeBody(auth);
    for (const type of [
      'application/x-www-form-urlencoded',
      'text/plain',
      'multipart/form-data; boundary=x',
    ]) {
      const response = await handler(request('token', { ...call, headers: { 'Content-Type': type } }));
      await expectError(response, 415, 'unsupported_media_type');
    }
    const none = await handler(request('token', { body: call.body ?? null }));
    await expectError(none, 415, 'unsupported_media_type');
  });

  it.each([
    ['not JSON', '{"code":'],
    ['an array', '[]'],
    ['null', 'null'],
    ['invalid UTF-8', new Uint8Array([0x7b, 0xff, 0x7d])],
    ['no code', { code_verifier: 'v'.repeat(43), redirect_uri: REDIRECT_URI }],
    ['an empty code', { code: '', code_verifier: 'v'.repeat(43), redirect_uri: REDIRECT_URI }],
    ['a code with a newline', { code: 'a\nb', code_verifier: 'v'.repeat(43), redirect_uri: REDIRECT_URI }],
    ['a short verifier', { code: 'c', code_verifier: 'v'.repeat(42), redirect_uri: REDIRECT_URI }],
    [
      'a verifier with a space',
      { code: 'c', code_verifier: `${'v'.repeat(43)} `, redirect_uri: REDIRECT_URI },
    ],
    ['a numeric code', { code: 1, code_verifier: 'v'.repeat(43), redirect_uri: REDIRECT_URI }],
    ['no redirect_uri', { code: 'c', code_verifier: 'v'.repeat(43) }],
    ['a relative redirect_uri', { code: 'c', code_verifier: 'v'.repeat(43), redirect_uri: '/callback' }],
    [
      'a redirect_uri with a fragment',
      { code: 'c', code_verifier: 'v'.repeat(43), redirect_uri: `${REDIRECT_URI}#x` },
    ],
    [
      'a javascript: redirect_uri',
      { code: 'c', code_verifier: 'v'.repeat(43), redirect_uri: 'javascript:alert(1)' },
    ],
  ])('answers invalid_request for %s, without calling upstream', async (_name, body) => {
    const { upstream, handler } = await signedIn();
    const payload = body instanceof Uint8Array || typeof body === 'string' ? body : JSON.stringify(body);
    const response = await handler(
      request('token', { headers: { 'Content-Type': 'application/json' }, body: payload }),
    );
    await expectError(response, 400, 'invalid_request');
    expect(upstream.server.counters.get('token')).toBe(0);
  });
});

describe('redirect URIs', () => {
  it('refuses a redirect URI on another origin than the calling page (no exchange oracle)', async () => {
    const { upstream, handler } = await signedIn();
    const auth = await authorize(upstream);
    const call = { ...exchangeBody(auth), origin: LOCAL_APP };
    await expectError(await handler(request('token', call)), 400, 'redirect_uri_not_allowed');
    const foreign = exchangeBody({ ...auth, redirectUri: 'https://evil.example/callback' });
    await expectError(
      await handler(request('token', { ...foreign, origin: APP })),
      400,
      'redirect_uri_not_allowed',
    );
    expect(upstream.server.counters.get('token')).toBe(0);
  });

  it('with redirectUris configured, accepts only those exactly', async () => {
    const upstream = await createUpstream();
    const handler = createHandler(upstream, { redirectUris: [REDIRECT_URI] });
    const other = await authorize(upstream, `${APP}/other-callback`);
    await expectError(await handler(request('token', exchangeBody(other))), 400, 'redirect_uri_not_allowed');
    const listed = await authorize(upstream, REDIRECT_URI);
    expect((await handler(request('token', exchangeBody(listed)))).status).toBe(200);
  });
});

describe('what reaches the browser', () => {
  it('never a refresh token, the client secret or a cookie value in any body; never CORS headers', async () => {
    const { upstream, handler, response, cookie } = await signedIn({ reuseWindow: 0 });
    const responses: Response[] = [];
    const record = (response: Response): Response => {
      responses.push(response.clone());
      return response;
    };
    record(response);
    const refreshed = record(await handler(request('refresh', { cookie })));
    const next = setCookies(refreshed)[0];
    const nextCookie = cookieHeader(refreshed);
    record(await handler(request('session', { cookie: nextCookie })));
    record(await handler(request('logout', { cookie: nextCookie })));
    record(await handler(request('refresh', { cookie: nextCookie })));

    expect(upstream.issuedRefreshTokens).toHaveLength(2);
    const secrets = [
      ...upstream.issuedRefreshTokens,
      upstream.clientSecret,
      cookie.split('=')[1],
      next?.value,
    ];
    for (const each of responses) {
      const text = await each.text();
      expect(text).not.toContain('refresh_token');
      for (const secret of secrets) expect(text).not.toContain(secret);
      expect([...each.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
      // the cookie value is sealed: the refresh token is not in it either
      for (const set of setCookies(each)) {
        for (const token of upstream.issuedRefreshTokens) expect(set.value).not.toContain(token);
      }
    }
  });
});
