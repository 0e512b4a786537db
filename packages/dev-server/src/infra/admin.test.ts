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
