import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDevServer } from '../server.js';
import { bearer, form, signIn } from '../test-utils/flow.js';

afterEach(() => {
  vi.useRealTimers();
});

const metadataPath = '/.well-known/oauth-authorization-server';

describe('counters', () => {
  it('counts calls per endpoint, and resets', async () => {
    const server = createDevServer();
    await signIn(server);
    await server.fetch('/v2/oauth/jwks');
    await server.fetch('/v2/oauth/jwks');
    expect(server.counters.snapshot()).toEqual({
      authorize: 1,
      consent: 1,
      grants: 1,
      jwks: 2,
      token: 1,
      'token:authorization_code': 1,
    });
    server.counters.reset();
    expect(server.counters.get('jwks')).toBe(0);
  });

  it('counts calls that a fault failed', async () => {
    const server = createDevServer();
    server.faults.inject({ endpoint: 'jwks', status: 500 });
    await server.fetch('/v2/oauth/jwks');
    expect(server.counters.get('jwks')).toBe(1);
  });

  it('does not count unknown paths or the consent page', async () => {
    const server = createDevServer();
    await server.fetch('/nope');
    await server.fetch('/consent?consent_token=x');
    expect(server.counters.snapshot()).toEqual({});
  });
});

describe('faults', () => {
  it("429 with Retry-After in the endpoint's own error shape (RFC 6749 on token)", async () => {
    const server = createDevServer();
    server.faults.inject({ endpoint: 'token', status: 429, retryAfter: 7 });
    const response = await server.fetch('/v2/oauth/token', form({ grant_type: 'refresh_token' }));
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(response.headers.get('ratelimit-remaining')).toBe('0');
    expect(await response.json()).toMatchObject({ error: 'rate_limit_exceeded' });
  });

  it('500 and 503 in the Telnyx envelope on the management API', async () => {
    const server = createDevServer();
    server.faults.inject({ endpoint: 'oauth_clients', status: 500 });
    server.faults.inject({ endpoint: 'oauth_clients', status: 503, retryAfter: 2 });
    const headers = bearer(server.seed.user.apiKey);
    const first = await server.fetch('/v2/oauth_clients', { headers });
    expect(first.status).toBe(500);
    expect(((await first.json()) as { errors: unknown[] }).errors).toHaveLength(1);
    const second = await server.fetch('/v2/oauth_clients', { headers });
    expect(second.status).toBe(503);
    expect(second.headers.get('retry-after')).toBe('2');
    expect((await server.fetch('/v2/oauth_clients', { headers })).status).toBe(200);
  });

  it('text/html error pages on authorize', async () => {
    const server = createDevServer();
    server.faults.inject({ endpoint: 'authorize', status: 502 });
    const response = await server.fetch('/v2/oauth/authorize');
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toContain('text/html');
  });

  it('fails exactly the next N calls', async () => {
    const server = createDevServer();
    server.faults.inject({ endpoint: 'jwks', status: 503, count: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await server.fetch('/v2/oauth/jwks')).status);
    expect(statuses).toEqual([503, 503, 200]);
  });

  it("'*' hits whatever endpoint is called next, and clear() disarms", async () => {
    const server = createDevServer();
    server.faults.inject({ endpoint: '*', status: 500, count: 5 });
    expect((await server.fetch(metadataPath)).status).toBe(500);
    expect((await server.fetch('/v2/oauth/jwks')).status).toBe(500);
    server.faults.clear();
    expect((await server.fetch('/v2/oauth/jwks')).status).toBe(200);
  });

  it('leaves other endpoints alone', async () => {
    const server = createDevServer();
    server.faults.inject({ endpoint: 'token', status: 500 });
    expect((await server.fetch(metadataPath)).status).toBe(200);
  });

  it('drop makes the in-process fetch reject like a dropped connection', async () => {
    const server = createDevServer();
    server.faults.inject({ endpoint: 'token', drop: true });
    await expect(server.fetch('/v2/oauth/token', form({ grant_type: 'x' }))).rejects.toThrow(
      expect.objectContaining({ name: 'TypeError', message: 'fetch failed' }),
    );
    expect(server.counters.get('token')).toBe(1);
  });

  it('loseResponse processes the call and then drops the answer: the in-process fetch rejects', async () => {
    const server = createDevServer();
    server.faults.inject({ endpoint: 'oauth_clients', loseResponse: true });
    const create = () =>
      server.fetch('/v2/oauth_clients', {
        method: 'POST',
        headers: { ...bearer(server.seed.user.apiKey), 'Content-Type': 'application/json' },
        body: JSON.stringify({
          name: 'Lost answer',
          client_type: 'confidential',
          allowed_grant_types: ['client_credentials'],
          allowed_scopes: ['numbers.read'],
        }),
      });
    await expect(create()).rejects.toThrow(
      expect.objectContaining({ name: 'TypeError', message: 'fetch failed' }),
    );
    expect(server.counters.get('oauth_clients')).toBe(1);
    const list = await server.fetch('/v2/oauth_clients?filter[name]=Lost%20answer', {
      headers: bearer(server.seed.user.apiKey),
    });
    expect(((await list.json()) as { data: unknown[] }).data).toHaveLength(1); // it was created
  });

  it('refuses loseResponse together with drop, status or body (the answer is lost either way)', () => {
    const server = createDevServer();
    for (const extra of [{ drop: true }, { status: 500 }, { body: '{}' }, { contentType: 'text/plain' }]) {
      expect(() => server.faults.inject({ endpoint: 'token', loseResponse: true, ...extra })).toThrow(
        /loseResponse/,
      );
    }
    expect(() =>
      server.faults.inject({ endpoint: 'token', loseResponse: 'yes' as unknown as boolean }),
    ).toThrow(/loseResponse/);
  });

  it('replaces the body: malformed JSON with 200, or a wrong content type', async () => {
    const server = createDevServer();
    server.faults.inject({ endpoint: 'authorization_server_metadata', body: '{"issuer": ' });
    const malformed = await server.fetch(metadataPath);
    expect(malformed.status).toBe(200);
    await expect(malformed.json()).rejects.toThrow();
    server.faults.inject({
      endpoint: 'token',
      status: 502,
      body: '<html>bad gateway</html>',
      contentType: 'text/html',
    });
    const html = await server.fetch('/v2/oauth/token', form({}));
    expect(html.status).toBe(502);
    expect(html.headers.get('content-type')).toBe('text/html');
  });

  it('serves a huge body', async () => {
    const server = createDevServer();
    server.faults.inject({ endpoint: 'jwks', body: 'x'.repeat(5_000_000) });
    expect((await (await server.fetch('/v2/oauth/jwks')).text()).length).toBe(5_000_000);
  });

  it('latency-only faults delay and then answer normally (fake timers)', async () => {
    vi.useFakeTimers();
    const server = createDevServer();
    server.faults.inject({ endpoint: 'jwks', latencyMs: 5_000 });
    let settled = false;
    const pending = server.fetch('/v2/oauth/jwks').then((response) => {
      settled = true;
      return response;
    });
    await vi.advanceTimersByTimeAsync(4_999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await pending).status).toBe(200);
  });

  it('config latency delays every request (fake timers)', async () => {
    vi.useFakeTimers();
    const server = createDevServer({ latencyMs: 300 });
    let settled = false;
    const pending = server.fetch(metadataPath).then(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(299);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    expect(settled).toBe(true);
  });

  it('stops waiting when the client aborts during latency, leaving no timer behind', async () => {
    vi.useFakeTimers();
    const server = createDevServer();
    server.faults.inject({ endpoint: 'token', latencyMs: 60_000 });
    const controller = new AbortController();
    const pending = server.fetch('/v2/oauth/token', {
      ...form({ grant_type: 'x' }),
      signal: controller.signal,
    });
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    const response = await pending;
    expect(response.status).toBe(499);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('refuses an invalid fault', () => {
    const server = createDevServer();
    expect(() => server.faults.inject({ endpoint: 'nope' as 'token', status: 500 })).toThrow(TypeError);
    expect(() => server.faults.inject({ endpoint: 'token', count: 0 })).toThrow(/count/);
  });
});
