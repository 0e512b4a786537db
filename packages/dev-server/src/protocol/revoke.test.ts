import { describe, expect, it } from 'vitest';
import { CONFIDENTIAL_CLIENT_ID, CONFIDENTIAL_CLIENT_SECRET } from '../infra/seed.js';
import { createDevServer, type DevServer } from '../server.js';
import { bearer, form, signIn } from '../test-utils/flow.js';

function revoke(server: DevServer, params: Record<string, string>) {
  return server.fetch('/v2/oauth/revoke', form({ client_id: 'telnyx-oauth-demo', ...params }));
}

function apiStatus(server: DevServer, token: string) {
  return server.fetch('/v2/oauth_grants', { headers: bearer(token) }).then((response) => response.status);
}

function refreshStatus(server: DevServer, refreshToken: string) {
  return server
    .fetch(
      '/v2/oauth/token',
      form({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: 'telnyx-oauth-demo' }),
    )
    .then((response) => response.status);
}

describe('POST /v2/oauth/revoke (RFC 7009)', () => {
  it('revokes an access token alone', async () => {
    const server = createDevServer();
    const tokens = await signIn(server);
    const response = await revoke(server, { token: tokens.access_token, token_type_hint: 'access_token' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    expect(await apiStatus(server, tokens.access_token)).toBe(401);
    expect(await refreshStatus(server, tokens.refresh_token ?? '')).toBe(200);
    expect(server.counters.get('revoke')).toBe(1);
  });

  it('revokes a refresh token with the access tokens of the same authorization', async () => {
    const server = createDevServer();
    const tokens = await signIn(server);
    expect((await revoke(server, { token: tokens.refresh_token ?? '' })).status).toBe(200);
    expect(await refreshStatus(server, tokens.refresh_token ?? '')).toBe(400);
    expect(await apiStatus(server, tokens.access_token)).toBe(401);
  });

  it('answers 200 for unknown tokens and ignores tokens of other clients', async () => {
    const server = createDevServer();
    const tokens = await signIn(server);
    expect((await revoke(server, { token: 'unknown' })).status).toBe(200);
    const foreign = await server.fetch(
      '/v2/oauth/revoke',
      form({
        token: tokens.access_token,
        client_id: CONFIDENTIAL_CLIENT_ID,
        client_secret: CONFIDENTIAL_CLIENT_SECRET,
      }),
    );
    expect(foreign.status).toBe(200);
    expect(await apiStatus(server, tokens.access_token)).toBe(200);
  });

  it('requires client authentication and a token', async () => {
    const server = createDevServer();
    expect((await server.fetch('/v2/oauth/revoke', form({ token: 'x' }))).status).toBe(401);
    const missing = await revoke(server, {});
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: 'invalid_request' });
  });

  it("does not exist when switched off, like today's Telnyx", async () => {
    const server = createDevServer({ revocationEndpoint: false });
    const tokens = await signIn(server);
    const response = await revoke(server, { token: tokens.access_token });
    expect(response.status).toBe(404);
    expect(await response.json()).toHaveProperty('errors');
    expect(await apiStatus(server, tokens.access_token)).toBe(200);
  });
});
