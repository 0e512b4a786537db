import { describe, expect, it } from 'vitest';
import { CONFIDENTIAL_CLIENT_ID, CONFIDENTIAL_CLIENT_SECRET } from '../infra/seed.js';
import { createDevServer, type DevServer } from '../server.js';
import { form, signIn } from '../test-utils/flow.js';

function introspect(
  server: DevServer,
  token: string,
  client: Record<string, string> = { client_id: 'telnyx-oauth-demo' },
) {
  return server.fetch('/v2/oauth/introspect', form({ token, ...client }));
}

describe('POST /v2/oauth/introspect', () => {
  it('describes an active access token of the calling client (RFC 7662)', async () => {
    const server = createDevServer();
    const tokens = await signIn(server);
    const response = await introspect(server, tokens.access_token);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      active: true,
      aud: server.issuer,
      client_id: 'telnyx-oauth-demo',
      iss: server.issuer,
      scope: tokens.scope,
      sub: 'usr_dev',
      token_type: 'Bearer',
    });
    expect((body['exp'] as number) - (body['iat'] as number)).toBe(1800);
  });

  it('describes an active refresh token', async () => {
    const server = createDevServer();
    const tokens = await signIn(server);
    const body = (await (await introspect(server, tokens.refresh_token ?? '')).json()) as Record<
      string,
      unknown
    >;
    expect(body).toMatchObject({ active: true, token_type: 'refresh_token', client_id: 'telnyx-oauth-demo' });
  });

  it("answers {active:false} for unknown, expired, revoked and other clients' tokens", async () => {
    let clock = Date.UTC(2026, 0, 1);
    const server = createDevServer({
      now: () => clock,
      introspectionRateLimit: { limit: 100, windowSeconds: 60 },
    });
    const tokens = await signIn(server);
    const confidential = { client_id: CONFIDENTIAL_CLIENT_ID, client_secret: CONFIDENTIAL_CLIENT_SECRET };
    expect(await (await introspect(server, 'garbage')).json()).toEqual({ active: false });
    expect(await (await introspect(server, tokens.access_token, confidential)).json()).toEqual({
      active: false,
    });
    clock += 1801_000;
    expect(await (await introspect(server, tokens.access_token)).json()).toEqual({ active: false });
    server.revokeGrants();
    expect(await (await introspect(server, tokens.refresh_token ?? '')).json()).toEqual({ active: false });
  });

  it('requires client authentication and a token', async () => {
    const server = createDevServer();
    expect((await server.fetch('/v2/oauth/introspect', form({ token: 'x' }))).status).toBe(401);
    const badSecret = await introspect(server, 'x', {
      client_id: CONFIDENTIAL_CLIENT_ID,
      client_secret: 'nope',
    });
    expect(badSecret.status).toBe(401);
    const missing = await server.fetch('/v2/oauth/introspect', form({ client_id: 'telnyx-oauth-demo' }));
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('rate-limits per client: 5 per 60 s by default, then 429 with Retry-After and RateLimit headers', async () => {
    let clock = Date.UTC(2026, 0, 1);
    const server = createDevServer({ now: () => clock });
    for (let i = 0; i < 5; i += 1) {
      const response = await introspect(server, 'x');
      expect(response.status).toBe(200);
      expect(response.headers.get('ratelimit-remaining')).toBe(String(4 - i));
    }
    const limited = await introspect(server, 'x');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(limited.headers.get('ratelimit-limit')).toBe('5');
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
    expect(await limited.json()).toMatchObject({ error: 'rate_limit_exceeded' });
    // Another client has its own budget.
    const other = await introspect(server, 'x', {
      client_id: CONFIDENTIAL_CLIENT_ID,
      client_secret: CONFIDENTIAL_CLIENT_SECRET,
    });
    expect(other.status).toBe(200);
    clock += 30_000;
    expect((await introspect(server, 'x')).headers.get('retry-after')).toBe('30');
    clock += 30_000;
    expect((await introspect(server, 'x')).status).toBe(200);
    expect(server.counters.get('introspect')).toBe(9);
  });
});
