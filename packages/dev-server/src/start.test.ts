import { afterEach, describe, expect, it } from 'vitest';
import { startDevServer, type RunningDevServer } from './start.js';
import { authorizeUrl, DEMO_REDIRECT, pkce } from './test-utils/flow.js';

let running: RunningDevServer | undefined;

afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe('startDevServer over real HTTP', () => {
  it('listens on a free loopback port and uses its URL as issuer', async () => {
    running = await startDevServer({ port: 0 });
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(running.server.issuer).toBe(running.url);
    const metadata = (await (
      await fetch(`${running.url}/.well-known/oauth-authorization-server`)
    ).json()) as { issuer: string };
    expect(metadata.issuer).toBe(running.url);
  });

  it('runs the code flow with PKCE across the network', async () => {
    running = await startDevServer({ port: 0 });
    const { verifier, challenge } = pkce();
    const redirect = new URL(
      await running.server.completeAuthorization(authorizeUrl(running.server, {}, challenge)),
    );
    expect(redirect.searchParams.get('iss')).toBe(running.url);
    const response = await fetch(`${running.url}/v2/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: redirect.searchParams.get('code') ?? '',
        code_verifier: verifier,
        redirect_uri: DEMO_REDIRECT,
        client_id: 'telnyx-oauth-demo',
      }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('drops the connection for a drop fault, then serves the next call', async () => {
    running = await startDevServer({ port: 0 });
    running.server.faults.inject({ endpoint: 'token', drop: true });
    const error = await fetch(`${running.url}/v2/oauth/token`, { method: 'POST' }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(TypeError);
    expect(running.server.counters.get('token')).toBe(1);
    const next = await fetch(`${running.url}/v2/oauth/token`, { method: 'POST' });
    expect(next.status).toBe(400);
  });

  it('loses the answer after processing for a loseResponse fault: the code is spent, the client sees a reset', async () => {
    running = await startDevServer({ port: 0 });
    const { verifier, challenge } = pkce();
    const redirect = new URL(
      await running.server.completeAuthorization(authorizeUrl(running.server, {}, challenge)),
    );
    const exchange = () =>
      fetch(`${running?.url}/v2/oauth/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code: redirect.searchParams.get('code') ?? '',
          code_verifier: verifier,
          redirect_uri: DEMO_REDIRECT,
          client_id: 'telnyx-oauth-demo',
        }),
      });
    running.server.faults.inject({ endpoint: 'token', loseResponse: true });
    const error = await exchange().then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(TypeError);
    // The server did exchange the code: presenting it again is reuse.
    const again = await exchange();
    expect(again.status).toBe(400);
    expect(running.server.counters.get('code_reuse_detected')).toBe(1);
  });

  it('answers a 429 fault with Retry-After over HTTP, readable cross-origin', async () => {
    running = await startDevServer({ port: 0 });
    running.server.faults.inject({ endpoint: 'jwks', status: 429, retryAfter: 3 });
    const response = await fetch(`${running.url}/v2/oauth/jwks`, {
      headers: { Origin: 'http://localhost:5173' },
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('3');
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });

  it('answers 413 for an oversized body over HTTP', async () => {
    running = await startDevServer({ port: 0 });
    const response = await fetch(`${running.url}/v2/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'x='.padEnd(70_000, 'y'),
    });
    expect(response.status).toBe(413);
  });

  it('fails clearly when the port is taken', async () => {
    running = await startDevServer({ port: 0 });
    const port = Number(new URL(running.url).port);
    await expect(startDevServer({ port })).rejects.toThrow(/EADDRINUSE/);
  });
});
