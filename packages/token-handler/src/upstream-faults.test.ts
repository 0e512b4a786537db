import { CONFIDENTIAL_CLIENT_ID, CONFIDENTIAL_CLIENT_SECRET } from '@telnyx-oauth/dev-server';
import { describe, expect, it, vi } from 'vitest';
import {
  authorize,
  createHandler,
  createUpstream,
  exchangeBody,
  json,
  request,
  signedIn,
} from './test-utils/harness.js';

async function errorOf(response: Response): Promise<string | undefined> {
  return (await json(response.clone()))['error'] as string | undefined;
}

describe('upstream failures on refresh keep the session', () => {
  it('retries a 503 the server said it did not process, then succeeds', async () => {
    const { upstream, handler, cookie } = await signedIn(
      {},
      { endpoint: 'token', status: 503, retryAfter: 0 },
    );
    const response = await handler(request('refresh', { cookie }));
    expect(response.status).toBe(200);
    expect(upstream.server.counters.get('token')).toBe(2);
    expect(upstream.server.counters.get('token:refresh_token')).toBe(1); // the faulted call never reached it
  });

  it('retries a 429 after its Retry-After, bounded by maxRetries', async () => {
    const { upstream, handler, cookie } = await signedIn(
      { maxRetries: 1 },
      { endpoint: 'token', status: 429, retryAfter: 0, count: 5 },
    );
    const response = await handler(request('refresh', { cookie }));
    expect(response.status).toBe(503);
    expect(await errorOf(response)).toBe('upstream_unavailable');
    expect(response.headers.get('retry-after')).toBe('0');
    expect(upstream.server.counters.get('token')).toBe(2);
    expect(response.headers.getSetCookie()).toEqual([]); // the cookie is kept
  });

  it('does not wait for a Retry-After longer than maxRetryDelay: the browser gets it', async () => {
    const { upstream, handler, cookie } = await signedIn(
      {},
      { endpoint: 'token', status: 503, retryAfter: 120 },
    );
    const response = await handler(request('refresh', { cookie }));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('120');
    expect(upstream.server.counters.get('token')).toBe(1);
  });

  it.each([500, 502, 504])(
    'does not retry a %i (the refresh may have rotated): upstream_unavailable',
    async (status) => {
      const { upstream, handler, cookie } = await signedIn({}, { endpoint: 'token', status });
      const response = await handler(request('refresh', { cookie }));
      expect(response.status).toBe(503);
      expect(await errorOf(response)).toBe('upstream_unavailable');
      expect(upstream.server.counters.get('token')).toBe(1);
      expect(response.headers.getSetCookie()).toEqual([]);
      expect((await handler(request('refresh', { cookie }))).status).toBe(200);
    },
  );

  it('does not retry a dropped connection: upstream_unavailable, session kept', async () => {
    const { upstream, handler, cookie, events } = await signedIn({}, { endpoint: 'token', drop: true });
    const response = await handler(request('refresh', { cookie }));
    expect(response.status).toBe(503);
    expect(await errorOf(response)).toBe('upstream_unavailable');
    expect(upstream.server.counters.get('token')).toBe(1);
    expect(events.at(-1)).toMatchObject({ endpoint: 'refresh', status: 503, cause: 'TypeError' });
    expect((await handler(request('refresh', { cookie }))).status).toBe(200);
  });

  it('times out a hanging token endpoint without retrying: upstream_timeout', async () => {
    const { upstream, handler, cookie } = await signedIn(
      { requestTimeout: 500 },
      { endpoint: 'token', latencyMs: 5_000 },
    );
    const response = await handler(request('refresh', { cookie }));
    expect(response.status).toBe(504);
    expect(await errorOf(response)).toBe('upstream_timeout');
    expect(upstream.server.counters.get('token')).toBe(1);
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it.each([
    ['malformed JSON', { body: '{"access_token":', contentType: 'application/json' }],
    ['HTML', { body: '<html>captive portal</html>', contentType: 'text/html' }],
    ['a huge body', { body: `{"x":"${'a'.repeat(300_000)}"}`, contentType: 'application/json' }],
    ['no access token', { body: '{"token_type":"Bearer"}', contentType: 'application/json' }],
    ['a DPoP token', { body: '{"access_token":"a","token_type":"DPoP"}', contentType: 'application/json' }],
  ])('answers upstream_invalid_response for %s, and keeps the session', async (_name, fault) => {
    const { handler, cookie } = await signedIn({}, { endpoint: 'token', ...fault });
    const response = await handler(request('refresh', { cookie }));
    expect(response.status).toBe(502);
    expect(await errorOf(response)).toBe('upstream_invalid_response');
    expect(response.headers.getSetCookie()).toEqual([]);
    const text = await response.text();
    expect(text).not.toContain('captive');
    expect(text).not.toContain('aaaa');
  });

  it('ends the session on invalid_grant (revoked upstream) and clears the cookie', async () => {
    const { upstream, handler, cookie } = await signedIn();
    upstream.server.revokeGrants();
    const response = await handler(request('refresh', { cookie }));
    expect(response.status).toBe(401);
    expect(await errorOf(response)).toBe('session_expired');
    expect(response.headers.getSetCookie()[0]).toContain('Max-Age=0');
  });

  it('keeps the session when the upstream refuses the client credentials (misconfiguration)', async () => {
    const { handler, cookie, upstream } = await signedIn();
    const misconfigured = createHandler(upstream, { clientSecret: 'wrong-secret' });
    const response = await misconfigured(request('refresh', { cookie }));
    expect(response.status).toBe(502);
    expect(await errorOf(response)).toBe('client_authentication_failed');
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(await response.text()).not.toContain('wrong-secret');
    expect((await handler(request('refresh', { cookie }))).status).toBe(200);
  });

  it('repeats only registered OAuth error codes from upstream, never its descriptions', async () => {
    const { handler, cookie } = await signedIn(
      {},
      {
        endpoint: 'token',
        status: 400,
        body: '{"error":"invalid_scope","error_description":"secret detail"}',
        contentType: 'application/json',
      },
      {
        endpoint: 'token',
        status: 400,
        body: '{"error":"<script>made_up</script>"}',
        contentType: 'application/json',
      },
    );
    const known = await handler(request('refresh', { cookie }));
    expect(known.status).toBe(502);
    expect(await json(known.clone())).toEqual({
      error: 'upstream_rejected',
      error_description: expect.any(String),
      upstream_error: 'invalid_scope',
    });
    expect(await known.text()).not.toContain('secret detail');
    const unknown = await handler(request('refresh', { cookie }));
    expect(await json(unknown)).toEqual({
      error: 'upstream_rejected',
      error_description: expect.any(String),
    });
  });
});

describe('upstream failures on the code exchange', () => {
  it('retries a 503 (not processed) and exchanges the code once', async () => {
    const upstream = await createUpstream();
    const handler = createHandler(upstream);
    const auth = await authorize(upstream);
    upstream.server.faults.inject({ endpoint: 'token', status: 503, retryAfter: 0 });
    const response = await handler(request('token', exchangeBody(auth)));
    expect(response.status).toBe(200);
    expect(upstream.server.counters.get('token')).toBe(2);
    expect(upstream.server.counters.get('token:authorization_code')).toBe(1);
    expect(upstream.server.counters.get('code_reuse_detected')).toBe(0);
  });

  it('does not retry after a timeout or a 500 (the code may be spent)', async () => {
    const upstream = await createUpstream();
    const handler = createHandler(upstream, { requestTimeout: 500 });
    const auth = await authorize(upstream);
    upstream.server.faults.inject({ endpoint: 'token', latencyMs: 5_000 });
    const timedOut = await handler(request('token', exchangeBody(auth)));
    expect(timedOut.status).toBe(504);
    expect(await errorOf(timedOut)).toBe('upstream_timeout');
    const other = await authorize(upstream);
    upstream.server.faults.inject({ endpoint: 'token', status: 500 });
    const failed = await handler(request('token', exchangeBody(other)));
    expect(await errorOf(failed)).toBe('upstream_unavailable');
    expect(upstream.server.counters.get('token')).toBe(2);
  });

  it('answers client_authentication_failed for a wrong secret, with Basic and with post', async () => {
    for (const tokenEndpointAuthMethod of ['client_secret_basic', 'client_secret_post'] as const) {
      const upstream = await createUpstream();
      const handler = createHandler(upstream, { clientSecret: 'nope', tokenEndpointAuthMethod });
      const response = await handler(request('token', exchangeBody(await authorize(upstream))));
      expect(response.status).toBe(502);
      expect(await errorOf(response)).toBe('client_authentication_failed');
    }
  });

  it('answers invalid_grant for a code issued to another client', async () => {
    const upstream = await createUpstream();
    const code = await authorize(upstream);
    const otherClient = createHandler(upstream, {
      clientId: CONFIDENTIAL_CLIENT_ID,
      clientSecret: CONFIDENTIAL_CLIENT_SECRET,
    });
    const response = await otherClient(request('token', exchangeBody(code)));
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toBe('invalid_grant');
    expect((await createHandler(upstream)(request('token', exchangeBody(code)))).status).toBe(200);
  });
});

/**
 * Signed in, then a refresh whose first upstream answer is `status` with these headers (as a proxy or
 * the server itself sends it), the dev server answering any retry. `fetch` counts the upstream calls.
 */
async function refreshAnswered(status: number, headers: Record<string, string>) {
  const { upstream, handler, cookie } = await signedIn();
  const fetch = vi.spyOn(upstream.server, 'fetch').mockResolvedValueOnce(
    new Response('{"error":"temporarily_unavailable"}', {
      status,
      headers: { 'Content-Type': 'application/json', ...headers },
    }),
  );
  return { upstream, fetch, response: await handler(request('refresh', { cookie })) };
}

describe('x-should-retry and maxRetryDelay (the shared retry rules)', () => {
  it('retries a single-use refresh when the server answers x-should-retry: true, even on a 500', async () => {
    const { upstream, fetch, response } = await refreshAnswered(500, {
      'x-should-retry': 'true',
      'Retry-After': '0',
    });
    expect(response.status).toBe(200);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(upstream.server.counters.get('token:refresh_token')).toBe(1);
  });

  it('answers upstream_unavailable for a 429 with x-should-retry: false, without retrying', async () => {
    const { fetch, response } = await refreshAnswered(429, { 'x-should-retry': 'false', 'Retry-After': '7' });
    expect(response.status).toBe(503);
    expect(await errorOf(response)).toBe('upstream_unavailable');
    expect(response.headers.get('retry-after')).toBe('7');
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it('does not retry a dropped connection when the backoff is longer than maxRetryDelay', async () => {
    const { upstream, handler, cookie } = await signedIn(
      { maxRetryDelay: 0 },
      { endpoint: 'revoke', drop: true },
    );
    const response = await handler(request('logout', { cookie }));
    expect(await json(response.clone())).toEqual({ revoked: false });
    expect(upstream.server.counters.get('revoke')).toBe(1);
  });
});

describe('upstream failures on logout', () => {
  it('retries revocation (default policy) after a 503 and after a dropped connection', async () => {
    const { upstream, handler, cookie } = await signedIn(
      {},
      { endpoint: 'revoke', status: 503, retryAfter: 0 },
      { endpoint: 'revoke', drop: true },
    );
    const response = await handler(request('logout', { cookie }));
    expect(await json(response.clone())).toEqual({ revoked: true });
    expect(upstream.server.counters.get('revoke')).toBe(3);
  });

  it('clears the cookie and answers revoked: false when revocation keeps failing', async () => {
    const { upstream, handler, cookie } = await signedIn(
      { maxRetries: 1 },
      { endpoint: 'revoke', status: 500, count: 2 },
    );
    const response = await handler(request('logout', { cookie }));
    expect(response.status).toBe(200);
    expect(await json(response.clone())).toEqual({ revoked: false });
    expect(response.headers.getSetCookie()[0]).toContain('Max-Age=0');
    expect(upstream.server.counters.get('revoke')).toBe(2);
  });
});

describe('discovery', () => {
  it('retries a failed discovery, then uses the document', async () => {
    const { upstream, handler, cookie } = await signedIn();
    // The metadata is cached from the sign-in; a fresh handler discovers again.
    const fresh = createHandler(upstream);
    upstream.server.faults.inject({ endpoint: 'authorization_server_metadata', status: 503, retryAfter: 0 });
    expect((await fresh(request('refresh', { cookie }))).status).toBe(200);
    expect(upstream.server.counters.get('authorization_server_metadata')).toBe(2);
    expect((await handler(request('session', { cookie }))).status).toBe(200);
  });

  it('answers upstream_unavailable when discovery keeps failing, and discovery_failed for a bad document', async () => {
    const upstream = await createUpstream();
    const handler = createHandler(upstream, { maxRetries: 1 });
    upstream.server.faults.inject({ endpoint: 'authorization_server_metadata', status: 500, count: 2 });
    const auth = await authorize(upstream);
    const unavailable = await handler(request('token', exchangeBody(auth)));
    expect(await errorOf(unavailable)).toBe('upstream_unavailable');
    expect(upstream.server.counters.get('token')).toBe(0);

    upstream.server.faults.inject({
      endpoint: 'authorization_server_metadata',
      body: JSON.stringify({ issuer: 'https://evil.example', token_endpoint: 'https://evil.example/token' }),
    });
    const mismatch = await handler(request('token', exchangeBody(auth)));
    expect(mismatch.status).toBe(502);
    expect(await errorOf(mismatch)).toBe('discovery_failed');
    expect(upstream.server.counters.get('token')).toBe(0);
  });

  it('refuses discovered endpoints that are plain http on another host', async () => {
    const upstream = await createUpstream();
    const handler = createHandler(upstream);
    upstream.server.faults.inject({
      endpoint: 'authorization_server_metadata',
      body: JSON.stringify({ issuer: upstream.server.issuer, token_endpoint: 'http://evil.example/token' }),
    });
    const response = await handler(request('token', exchangeBody(await authorize(upstream))));
    expect(await errorOf(response)).toBe('discovery_failed');
  });
});
