import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTRACT_HEADER, CONTRACT_VERSION } from './contract.js';
import {
  APP,
  authorize,
  BASE,
  createHandler,
  createUpstream,
  KEY_B,
  LOCAL_APP,
  REDIRECT_URI,
  request,
  setCookies,
  signIn,
  signedIn,
} from './test-utils/harness.js';

/** Printable ASCII: what a header value may hold (no CR/LF), including quotes, commas and semicolons. */
const headerText = fc.string({
  unit: fc.constantFrom(...' !"#$%&\'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~'),
  maxLength: 40,
});
const sealedAlphabet = fc.constantFrom(...'ABCabc019-_.v');

describe('arbitrary requests never answer 500 and never hand out a token or a session', () => {
  it('holds for random methods, paths, origins, headers, cookies and bodies', async () => {
    const upstream = await createUpstream();
    const handler = createHandler(upstream);
    const other = createHandler(upstream, { cookieKeys: [KEY_B] });
    // cookies that look right but are not valid here: sealed with another key, or tampered
    const foreign = (await signIn(other, upstream)).cookie;
    const real = (await signIn(handler, upstream)).cookie;
    const tampered = `${real.slice(0, -3)}AAA`;
    const code = await authorize(upstream);

    const body = fc.oneof(
      fc.constant(undefined),
      fc.string({ maxLength: 200 }),
      fc.json({ maxDepth: 3 }),
      fc
        .record(
          {
            code: fc.oneof(fc.string({ maxLength: 60 }), fc.constant(code.code), fc.integer()),
            code_verifier: fc.oneof(
              fc.string({ minLength: 40, maxLength: 130 }),
              fc.constant('v'.repeat(43)),
            ),
            redirect_uri: fc.oneof(
              fc.constant(REDIRECT_URI),
              fc.constant(`${LOCAL_APP}/callback`),
              fc.webUrl(),
              fc.string({ maxLength: 30 }),
            ),
          },
          { requiredKeys: [] },
        )
        .map((value) => JSON.stringify(value)),
      fc.uint8Array({ maxLength: 6000 }),
    );
    const arbitraryRequest = fc.record({
      method: fc.constantFrom('POST', 'POST', 'POST', 'GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
      endpoint: fc.oneof(
        fc.constantFrom('token', 'refresh', 'logout', 'session'),
        headerText.map(encodeURIComponent),
      ),
      origin: fc.oneof(fc.constantFrom(APP, LOCAL_APP, null, 'null', 'https://evil.example'), headerText),
      csrf: fc.oneof(fc.constantFrom('1', '1', ' 1 ', '2', ''), headerText, fc.constant(null)),
      site: fc.oneof(fc.constantFrom('same-origin', 'cross-site', 'same-site', 'none'), fc.constant(null)),
      contentType: fc.oneof(
        fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain'),
        headerText,
      ),
      cookie: fc.oneof(
        fc.constantFrom(foreign, tampered, '', '__Secure-telnyx-auth=', 'telnyx-auth=v1.x.y.z'),
        headerText.map((value) => `__Secure-telnyx-auth=${value}`),
        fc
          .array(sealedAlphabet, { maxLength: 120 })
          .map((chars) => `__Secure-telnyx-auth=v1.${chars.join('')}`),
      ),
      body,
    });

    await fc.assert(
      fc.asyncProperty(arbitraryRequest, async (input) => {
        const headers: Record<string, string> = { 'Content-Type': input.contentType };
        if (input.csrf !== null) headers[CONTRACT_HEADER] = input.csrf;
        if (input.site !== null) headers['Sec-Fetch-Site'] = input.site;
        const hasBody = input.method !== 'GET' && input.method !== 'HEAD' && input.body !== undefined;
        const req = request(input.endpoint, {
          method: input.method,
          origin: input.origin,
          cookie: input.cookie,
          headers,
          body: hasBody ? (input.body as BodyInit) : null,
        });
        req.headers.delete(CONTRACT_HEADER);
        if (input.csrf !== null) req.headers.set(CONTRACT_HEADER, input.csrf);
        const response = await handler(req);
        expect(response.status).not.toBe(500);
        expect(response.headers.get('cache-control')).toBe('no-store');
        const text = await response.text();
        expect(text).not.toContain('access_token');
        expect(text).not.toContain('refresh_token');
        const parsed = JSON.parse(text) as Record<string, unknown>;
        if (response.status >= 400) expect(typeof parsed['error']).toBe('string');
        for (const cookie of setCookies(response)) expect(cookie.value).toBe('');
        expect([...response.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
      }),
      { numRuns: 300 },
    );
    // none of that spent the code the browser is still holding
    expect(upstream.server.counters.get('code_reuse_detected')).toBe(0);
  });
});

describe('well-formed exchanges with arbitrary contents', () => {
  it('reach the upstream and come back as a 4xx/502 error, never a 500 or a token', async () => {
    const upstream = await createUpstream();
    const handler = createHandler(upstream);
    const code = await authorize(upstream);
    const verifier = fc.stringMatching(/^[A-Za-z0-9._~-]{43,128}$/);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constant(code.code), fc.stringMatching(/^[\x20-\x7e]{1,80}$/)),
        verifier,
        fc.constantFrom(REDIRECT_URI, `${APP}/other-callback`, `${APP}/`, `${APP}/callback?x=1`),
        async (candidate, codeVerifier, redirectUri) => {
          const response = await handler(
            request('token', {
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({
                code: candidate,
                code_verifier: codeVerifier,
                redirect_uri: redirectUri,
              }),
            }),
          );
          expect([400, 502]).toContain(response.status);
          const text = await response.text();
          expect(text).not.toContain('access_token');
          expect(response.headers.getSetCookie()).toEqual([]);
        },
      ),
      { numRuns: 100 },
    );
    expect(upstream.server.counters.get('token')).toBeGreaterThan(50);
    expect(upstream.server.counters.get('code_reuse_detected')).toBe(0);
  });
});

describe('cookie tampering (property)', () => {
  it('every change to a valid cookie is refused: no token, no 500, the cookie is cleared', async () => {
    const { upstream, handler, cookie } = await signedIn();
    const eq = cookie.indexOf('=');
    const name = cookie.slice(0, eq);
    const value = cookie.slice(eq + 1);

    const mutation = fc.oneof(
      // replace one character with another of the sealed alphabet
      fc
        .record({ at: fc.nat(value.length - 1), char: fc.constantFrom(...'ABCDabcd0189-_.') })
        .map(({ at, char }) => value.slice(0, at) + char + value.slice(at + 1)),
      fc.nat(value.length - 1).map((at) => value.slice(0, at)), // truncate
      fc.string({ minLength: 1, maxLength: 8 }).map((extra) => value + extra), // append
      fc
        .record({ at: fc.nat(value.length - 1), text: fc.string({ minLength: 1, maxLength: 4 }) })
        .map(({ at, text }) => value.slice(0, at) + text + value.slice(at)), // insert
      fc.nat(value.length - 2).map((at) => value.slice(0, at) + value.slice(at + 1)), // delete
    );
    await fc.assert(
      fc.asyncProperty(
        // surrounding whitespace is not part of a cookie value (RFC 6265 §5.2): the same cookie
        mutation.filter((mutated) => mutated.trim() !== value && !/[;\r\n]/.test(mutated)),
        async (mutated) => {
          const refresh = await handler(request('refresh', { cookie: `${name}=${mutated}` }));
          expect(refresh.status).toBe(401);
          const text = await refresh.text();
          expect(text).not.toContain('access_token');
          expect(setCookies(refresh)[0]?.value ?? '').toBe('');
          const session = await handler(request('session', { cookie: `${name}=${mutated}` }));
          expect(await session.json()).toEqual({ active: false });
        },
      ),
      { numRuns: 300 },
    );
    expect(upstream.server.counters.get('token')).toBe(0);
    expect((await handler(request('session', { cookie }))).status).toBe(200);
  });
});

describe('the request path', () => {
  it('answers only the four endpoints under the base path', async () => {
    const upstream = await createUpstream();
    const handler = createHandler(upstream);
    await fc.assert(
      fc.asyncProperty(fc.webPath(), async (path) => {
        const url = new URL(`${APP}${path.startsWith('/') ? path : `/${path}`}`);
        const response = await handler(
          new Request(url, { method: 'POST', headers: { Origin: APP, [CONTRACT_HEADER]: CONTRACT_VERSION } }),
        );
        const known = ['token', 'refresh', 'logout', 'session'].map((name) => `${BASE}/${name}`);
        if (!known.includes(url.pathname)) expect(response.status).toBe(404);
        expect(response.status).not.toBe(500);
      }),
      { numRuns: 200 },
    );
  });
});
