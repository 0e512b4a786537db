import { describe, expect, it } from 'vitest';
import { createDevServer, type DevServer } from '../server.js';
import { bearer, signIn } from '../test-utils/flow.js';

function admin(server: DevServer, method: string, path: string, body?: unknown) {
  return server.fetch(`/__admin${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('HTTP admin API', () => {
  it('reports and resets counters', async () => {
    const server = createDevServer();
    await server.fetch('/v2/oauth/jwks');
    expect(await (await admin(server, 'GET', '/counters')).json()).toEqual({ counters: { jwks: 1 } });
    expect((await admin(server, 'POST', '/counters/reset')).status).toBe(204);
    expect(await (await admin(server, 'GET', '/counters')).json()).toEqual({ counters: {} });
  });

  it('injects and clears faults, and is itself never counted or faulted', async () => {
    const server = createDevServer();
    const injected = await admin(server, 'POST', '/faults', {
      endpoint: '*',
      status: 503,
      retryAfter: 1,
      count: 2,
    });
    expect(injected.status).toBe(201);
    expect(await injected.json()).toEqual({
      faults: [{ endpoint: '*', status: 503, retryAfter: 1, count: 2 }],
    });
    expect((await admin(server, 'GET', '/counters')).status).toBe(200);
    expect((await server.fetch('/v2/oauth/jwks')).status).toBe(503);
    expect((await admin(server, 'DELETE', '/faults')).status).toBe(204);
    expect((await server.fetch('/v2/oauth/jwks')).status).toBe(200);
  });

  it.each([
    [{ endpoint: 'nowhere', status: 500 }],
    [{ endpoint: 'token', status: 99 }],
    [{ endpoint: 'token', retryAfter: -1 }],
    [{ endpoint: 'token', drop: 'yes' }],
    [{ endpoint: 'token', loseResponse: true, status: 500 }],
    ['[1,2]'],
    ['{"endpoint":'],
  ])('answers 400 for the fault %j', async (body) => {
    const response = await admin(createDevServer(), 'POST', '/faults', body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('patches the config at runtime and refuses unknown keys or bad values', async () => {
    const server = createDevServer();
    const patched = await admin(server, 'PATCH', '/config', {
      accessTokenTtl: 5,
      rotateRefreshTokens: false,
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ config: { accessTokenTtl: 5, rotateRefreshTokens: false } });
    expect((await signIn(server)).expires_in).toBe(5);
    expect((await admin(server, 'PATCH', '/config', { issuer: 'http://x' })).status).toBe(400);
    expect((await admin(server, 'PATCH', '/config', { accessTokenTtl: 0 })).status).toBe(400);
    expect((await admin(server, 'PATCH', '/config', { autoConsent: 'true' })).status).toBe(400);
    expect((await admin(server, 'PATCH', '/config', { reuseGrace: -1 })).status).toBe(400);
    expect(
      (await admin(server, 'PATCH', '/config', { reuseGrace: 10, refreshTokenAbsoluteTtl: 60 })).status,
    ).toBe(200);
    expect(server.config).toMatchObject({ reuseGrace: 10, refreshTokenAbsoluteTtl: 60 });
    expect((await admin(server, 'PATCH', '/config', { introspectionRateLimit: { limit: 1 } })).status).toBe(
      400,
    );
    expect(server.config.accessTokenTtl).toBe(5);
  });

  it('revokes grants for one client or all', async () => {
    const server = createDevServer();
    const tokens = await signIn(server);
    expect((await admin(server, 'POST', '/grants/revoke', { client_id: 'someone-else' })).status).toBe(204);
    expect((await server.fetch('/v2/oauth_grants', { headers: bearer(tokens.access_token) })).status).toBe(
      200,
    );
    expect((await admin(server, 'POST', '/grants/revoke', { client_id: 'telnyx-oauth-demo' })).status).toBe(
      204,
    );
    expect((await server.fetch('/v2/oauth_grants', { headers: bearer(tokens.access_token) })).status).toBe(
      401,
    );
    expect((await admin(server, 'POST', '/grants/revoke')).status).toBe(204);
    const list = (await (
      await server.fetch('/v2/oauth_grants', { headers: bearer(server.seed.user.apiKey) })
    ).json()) as {
      meta: { total_results: number };
    };
    expect(list.meta.total_results).toBe(0);
  });

  it('resets to the seeded state, counters, faults and initial config', async () => {
    const server = createDevServer({ accessTokenTtl: 60 });
    const tokens = await signIn(server);
    await admin(server, 'PATCH', '/config', { accessTokenTtl: 5 });
    server.faults.inject({ endpoint: 'token', status: 500 });
    expect((await admin(server, 'POST', '/reset')).status).toBe(204);
    expect(server.counters.snapshot()).toEqual({});
    expect(server.config.accessTokenTtl).toBe(60);
    expect((await server.fetch('/v2/oauth_grants', { headers: bearer(tokens.access_token) })).status).toBe(
      401,
    );
    expect((await signIn(server)).expires_in).toBe(60);
  });
});

describe('who may call the admin API', () => {
  function adminFrom(server: DevServer, headers: Record<string, string>, method = 'POST', path = '/reset') {
    return server.fetch(`/__admin${path}`, { method, headers });
  }

  it('refuses a request from a web page that is not on a loopback origin, and changes nothing', async () => {
    const server = createDevServer();
    server.config.accessTokenTtl = 5;
    server.faults.inject({ endpoint: 'jwks', status: 500 });
    // A cross-site page can send this without a preflight: a body-less POST is a "simple" request.
    for (const origin of ['https://evil.example', 'null', 'http://localhost.evil.example']) {
      const response = await adminFrom(server, { Origin: origin });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: 'access_denied' });
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
    for (const [method, path] of [
      ['GET', '/config'],
      ['GET', '/counters'],
      ['DELETE', '/faults'],
      ['POST', '/grants/revoke'],
      ['POST', '/counters/reset'],
    ]) {
      expect((await adminFrom(server, { Origin: 'https://evil.example' }, method, path)).status).toBe(403);
    }
    expect(server.config.accessTokenTtl).toBe(5);
    expect((await server.fetch('/v2/oauth/jwks')).status).toBe(500);
  });

  it('refuses a browser request without Origin that the browser marks cross-site', async () => {
    const server = createDevServer();
    const response = await adminFrom(server, { 'Sec-Fetch-Site': 'cross-site' }, 'GET', '/config');
    expect(response.status).toBe(403);
  });

  it('serves loopback origins (browser tests) and requests without Origin (Node, the CLI, curl)', async () => {
    const server = createDevServer();
    for (const origin of ['http://localhost:5173', 'http://127.0.0.2:4173', 'http://[::1]:3000']) {
      const response = await adminFrom(server, { Origin: origin });
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    }
    expect((await adminFrom(server, {})).status).toBe(204);
    expect((await adminFrom(server, { 'Sec-Fetch-Site': 'same-origin' })).status).toBe(204);
    expect((await adminFrom(server, { 'Sec-Fetch-Site': 'none' }, 'GET', '/config')).status).toBe(200);
  });
});
