import { describe, expect, it } from 'vitest';
import { CONFIDENTIAL_CLIENT_ID, CONFIDENTIAL_CLIENT_SECRET, PUBLIC_CLIENT_ID } from '../../infra/seed.js';
import { createDevServer } from '../../server.js';
import {
  basic,
  expectOAuthError,
  form,
  managementStatus,
  refresh,
  signIn,
  type TokenBody,
} from '../../test-utils/flow.js';

const DEMO = PUBLIC_CLIENT_ID;

describe('refresh_token grant', () => {
  it('rotates the refresh token and keeps the scope', async () => {
    const server = createDevServer();
    const first = await signIn(server);
    const response = await refresh(server, first.refresh_token ?? '');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const second = (await response.json()) as TokenBody;
    expect(second.refresh_token).toBeTruthy();
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.access_token).not.toBe(first.access_token);
    expect(second.scope).toBe(first.scope);
    expect((await refresh(server, second.refresh_token ?? '')).status).toBe(200);
    expect(server.counters.get('token:refresh_token')).toBe(2);
  });

  it('detects reuse of a rotated refresh token and revokes the whole family', async () => {
    const server = createDevServer();
    const first = await signIn(server);
    const second = (await (await refresh(server, first.refresh_token ?? '')).json()) as TokenBody;
    await expectOAuthError(await refresh(server, first.refresh_token ?? ''), 400, 'invalid_grant');
    expect(server.counters.get('refresh_reuse_detected')).toBe(1);
    await expectOAuthError(await refresh(server, second.refresh_token ?? ''), 400, 'invalid_grant');
    expect(await managementStatus(server, second.access_token)).toBe(401);
    expect(await managementStatus(server, first.access_token)).toBe(401);
  });

  it('does not rotate when rotation is off: no refresh_token in the answer, the old one keeps working', async () => {
    const server = createDevServer({ rotateRefreshTokens: false });
    const first = await signIn(server);
    for (let i = 0; i < 3; i += 1) {
      const response = await refresh(server, first.refresh_token ?? '');
      expect(response.status).toBe(200);
      expect(await response.json()).not.toHaveProperty('refresh_token');
    }
    expect(server.counters.get('refresh_reuse_detected')).toBe(0);
  });

  it('may narrow the scope but never widen it', async () => {
    const server = createDevServer();
    const first = await signIn(server);
    const narrowed = await refresh(server, first.refresh_token ?? '', { scope: 'account_management.read' });
    expect(((await narrowed.json()) as TokenBody).scope).toBe('account_management.read');
    const second = await signIn(server, 'numbers.read');
    await expectOAuthError(
      await refresh(server, second.refresh_token ?? '', { scope: 'numbers.read numbers.write' }),
      400,
      'invalid_scope',
    );
  });

  it('refuses an expired refresh token', async () => {
    let clock = Date.UTC(2026, 0, 1);
    const server = createDevServer({ now: () => clock, refreshTokenTtl: 3600 });
    const first = await signIn(server);
    clock += 3_601_000;
    await expectOAuthError(await refresh(server, first.refresh_token ?? ''), 400, 'invalid_grant');
  });

  it('refuses a refresh token of another client, and an unknown one', async () => {
    const server = createDevServer();
    const first = await signIn(server);
    const response = await server.fetch('/v2/oauth/token', {
      ...form({ grant_type: 'refresh_token', refresh_token: first.refresh_token ?? '' }),
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Authorization: basic(CONFIDENTIAL_CLIENT_ID, CONFIDENTIAL_CLIENT_SECRET),
      },
    });
    await expectOAuthError(response, 400, 'invalid_grant');
    await expectOAuthError(await refresh(server, 'unknown'), 400, 'invalid_grant');
    await expectOAuthError(
      await server.fetch('/v2/oauth/token', form({ grant_type: 'refresh_token', client_id: DEMO })),
      400,
      'invalid_request',
    );
  });

  it('fails after the user revokes the grant', async () => {
    const server = createDevServer();
    const first = await signIn(server);
    server.revokeGrants(DEMO);
    await expectOAuthError(await refresh(server, first.refresh_token ?? ''), 400, 'invalid_grant');
  });
});

describe('absolute refresh token lifetime (browser-apps BCP: rotation must not extend a session forever)', () => {
  const T0 = Date.UTC(2026, 0, 1);

  async function introspectExp(server: ReturnType<typeof createDevServer>, token: string) {
    const response = await server.fetch('/v2/oauth/introspect', form({ token, client_id: DEMO }));
    return ((await response.json()) as { exp?: number }).exp;
  }

  it('gives a rotated refresh token the expiry of the sign-in’s first one by default', async () => {
    let clock = T0;
    const server = createDevServer({ now: () => clock, refreshTokenTtl: 100 });
    const first = await signIn(server);
    clock += 60_000;
    const second = (await (await refresh(server, first.refresh_token ?? '')).json()) as TokenBody;
    expect(second.refresh_token).toBeTruthy();
    expect(await introspectExp(server, second.refresh_token ?? '')).toBe(T0 / 1000 + 100);
    clock += 41_000; // T0 + 101 s: the session is over although the second token is only 41 s old
    await expectOAuthError(await refresh(server, second.refresh_token ?? ''), 400, 'invalid_grant');
    expect(server.counters.get('refresh_reuse_detected')).toBe(0);
  });

  it('refreshTokenAbsoluteTtl caps the session; refreshTokenTtl still bounds each token', async () => {
    let clock = T0;
    const server = createDevServer({
      now: () => clock,
      refreshTokenTtl: 100,
      refreshTokenAbsoluteTtl: 250,
    });
    expect(server.config.refreshTokenAbsoluteTtl).toBe(250);
    let current = (await signIn(server)).refresh_token ?? '';
    const expiries: Array<number | undefined> = [];
    for (let step = 1; step <= 4; step += 1) {
      clock = T0 + step * 60_000;
      const response = await refresh(server, current);
      expect(response.status).toBe(200);
      current = ((await response.json()) as TokenBody).refresh_token ?? '';
      expiries.push(await introspectExp(server, current));
    }
    // Each token lives 100 s from its issue, never past T0 + 250 s.
    expect(expiries).toEqual([160, 220, 250, 250].map((s) => T0 / 1000 + s));
    clock = T0 + 251_000;
    await expectOAuthError(await refresh(server, current), 400, 'invalid_grant');
  });

  it('lets a token go idle: unused for refreshTokenTtl it expires even before the absolute cap', async () => {
    let clock = T0;
    const server = createDevServer({
      now: () => clock,
      refreshTokenTtl: 100,
      refreshTokenAbsoluteTtl: 10_000,
    });
    const first = await signIn(server);
    clock += 101_000;
    await expectOAuthError(await refresh(server, first.refresh_token ?? ''), 400, 'invalid_grant');
  });

  it('defaults refreshTokenAbsoluteTtl to refreshTokenTtl', () => {
    expect(createDevServer({ refreshTokenTtl: 123 }).config.refreshTokenAbsoluteTtl).toBe(123);
    expect(createDevServer().config.refreshTokenAbsoluteTtl).toBe(30 * 24 * 60 * 60);
  });
});

describe('reuseGrace: a retry of a lost refresh response (Auth0/Okta "reuse interval")', () => {
  const T0 = Date.UTC(2026, 0, 1);

  async function rotate(server: ReturnType<typeof createDevServer>, token: string): Promise<TokenBody> {
    const response = await refresh(server, token);
    expect(response.status).toBe(200);
    return (await response.json()) as TokenBody;
  }

  it('defaults to 0: strict reuse detection', () => {
    expect(createDevServer().config.reuseGrace).toBe(0);
  });

  it('within the window, the just-rotated token gets its successor again, with a fresh access token', async () => {
    let clock = T0;
    const server = createDevServer({ now: () => clock, reuseGrace: 30 });
    const first = await signIn(server);
    const lost = await rotate(server, first.refresh_token ?? ''); // the answer the client never saw
    clock += 29_000;
    const retried = await rotate(server, first.refresh_token ?? '');
    expect(retried.refresh_token).toBe(lost.refresh_token);
    expect(retried.access_token).not.toBe(lost.access_token);
    expect(retried.scope).toBe(lost.scope);
    expect(server.counters.get('refresh_reuse_within_grace')).toBe(1);
    expect(server.counters.get('refresh_reuse_detected')).toBe(0);
    expect(await managementStatus(server, retried.access_token)).toBe(200);
    // The session goes on from the successor, which rotates as usual.
    const next = await rotate(server, retried.refresh_token ?? '');
    expect(next.refresh_token).not.toBe(retried.refresh_token);
  });

  it('outside the window, reuse revokes the family as before', async () => {
    let clock = T0;
    const server = createDevServer({ now: () => clock, reuseGrace: 30 });
    const first = await signIn(server);
    const second = await rotate(server, first.refresh_token ?? '');
    clock += 31_000;
    await expectOAuthError(await refresh(server, first.refresh_token ?? ''), 400, 'invalid_grant');
    expect(server.counters.get('refresh_reuse_detected')).toBe(1);
    await expectOAuthError(await refresh(server, second.refresh_token ?? ''), 400, 'invalid_grant');
    expect(await managementStatus(server, second.access_token)).toBe(401);
  });

  it('a token older than the previous one is reuse even within the window', async () => {
    let clock = T0;
    const server = createDevServer({ now: () => clock, reuseGrace: 30 });
    const first = await signIn(server);
    const second = await rotate(server, first.refresh_token ?? '');
    clock += 1_000;
    const third = await rotate(server, second.refresh_token ?? '');
    clock += 1_000;
    await expectOAuthError(await refresh(server, first.refresh_token ?? ''), 400, 'invalid_grant');
    expect(server.counters.get('refresh_reuse_detected')).toBe(1);
    await expectOAuthError(await refresh(server, third.refresh_token ?? ''), 400, 'invalid_grant');
  });

  it('with reuseGrace 0 the first reuse revokes the family', async () => {
    const server = createDevServer();
    const first = await signIn(server);
    await rotate(server, first.refresh_token ?? '');
    await expectOAuthError(await refresh(server, first.refresh_token ?? ''), 400, 'invalid_grant');
    expect(server.counters.get('refresh_reuse_detected')).toBe(1);
  });

  it('a loseResponse fault processes the refresh and then drops the answer', async () => {
    const server = createDevServer({ reuseGrace: 30 });
    const first = await signIn(server);
    server.faults.inject({ endpoint: 'token', loseResponse: true });
    await expect(refresh(server, first.refresh_token ?? '')).rejects.toThrow(
      expect.objectContaining({ name: 'TypeError', message: 'fetch failed' }),
    );
    expect(server.counters.get('token:refresh_token')).toBe(1); // processed: the token was rotated
    const retried = await rotate(server, first.refresh_token ?? '');
    expect(retried.refresh_token).toBeTruthy();
    expect(server.counters.get('refresh_reuse_within_grace')).toBe(1);
  });
});
