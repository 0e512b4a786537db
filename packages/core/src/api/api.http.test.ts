/**
 * Over real HTTP (the dev server on a free loopback port, Node's fetch): a dropped socket, a server
 * that stops answering (timeout), a caller's abort, and the authorize redirect with `redirect: 'manual'`.
 */
import { startDevServer, type RunningDevServer } from '@telnyx-oauth/dev-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
  TelnyxOAuthAPI,
  type ClientOptions,
} from './index.js';
import { recordingSleep } from './test-utils/scripted-fetch.js';

let running: RunningDevServer;
const recorder = recordingSleep();

function client(options: ClientOptions = {}) {
  return new TelnyxOAuthAPI({
    baseURL: running.url,
    apiKey: running.server.seed.user.apiKey,
    sleep: recorder.sleep,
    ...options,
  });
}

beforeAll(async () => {
  running = await startDevServer({ port: 0 });
});

afterAll(async () => {
  await running.close();
});

beforeEach(() => {
  running.server.reset();
  recorder.delays.length = 0;
});

describe('over HTTP', () => {
  it('lists a page', async () => {
    const page = await client().oauthGrants.list({ 'page[size]': 10 });
    expect(page.data).toHaveLength(10);
    expect(page.meta.total_results).toBe(30);
  });

  it('retries a dropped connection and succeeds', async () => {
    running.server.faults.inject({ endpoint: 'oauth_grants', drop: true });
    await expect(client().oauthGrants.list()).resolves.toHaveProperty('data');
    expect(running.server.counters.get('oauth_grants')).toBe(2);
  });

  it('reports APIConnectionError when the connection keeps dropping, after 1 + maxRetries attempts', async () => {
    running.server.faults.inject({ endpoint: 'oauth_grants', drop: true, count: 10 });
    const error = await client()
      .oauthGrants.list()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).not.toBeInstanceOf(APIConnectionTimeoutError);
    expect(running.server.counters.get('oauth_grants')).toBe(3);
  });

  it('times out a server that does not answer, retrying each attempt', async () => {
    running.server.faults.inject({ endpoint: 'jwks', latencyMs: 5_000, count: 2 });
    const error = await client({ timeout: 100, maxRetries: 1 })
      .oauth.retrieveJwks()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect((error as APIConnectionTimeoutError).code).toBe('timeout');
    expect(running.server.counters.get('jwks')).toBe(2);
  });

  it('succeeds when a retry answers in time after a timeout', async () => {
    // Only the first attempt stalls; the generous budget leaves the retry ample time on a busy machine.
    running.server.faults.inject({ endpoint: 'oauth_grants', latencyMs: 20_000 });
    await expect(client().oauthGrants.list(undefined, { timeout: 1_500 })).resolves.toHaveProperty('data');
    expect(running.server.counters.get('oauth_grants')).toBe(2);
  });

  it('aborts an in-flight request with APIUserAbortError and does not retry', async () => {
    running.server.faults.inject({ endpoint: 'jwks', latencyMs: 5_000, count: 3 });
    const controller = new AbortController();
    const pending = client().oauth.retrieveJwks({ signal: controller.signal });
    await vi.waitFor(() => expect(running.server.counters.get('jwks')).toBe(1));
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(APIUserAbortError);
    expect(running.server.counters.get('jwks')).toBe(1);
  });

  it('returns the authorize redirect without following it', async () => {
    const result = await client().oauth.retrieveAuthorize({
      client_id: running.server.seed.publicClient.client_id,
      redirect_uri: running.server.seed.publicClient.redirect_uris[0]!,
      response_type: 'code',
      scope: 'numbers.read',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
    expect(result.status).toBe(302);
    expect(new URL(result.location!).searchParams.get('consent_token')).toBeTruthy();
  });
});
