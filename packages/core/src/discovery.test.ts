import { createDevServer, PUBLIC_CLIENT_ID } from '@telnyx-oauth/dev-server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTelnyxAuth } from './client.js';
import { TelnyxAuthError } from './errors.js';
import { storageKeys } from './names.js';
import { harnessPerTest, REDIRECT_URI, signIn } from './test-utils/harness.js';

const server = createDevServer();
const harness = harnessPerTest(server);
afterEach(() => {
  vi.useRealTimers();
});

describe('discovery (RFC 8414)', () => {
  it('fetches metadata once and reuses it from storage until the TTL runs out', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const first = harness.client({ discoveryTtl: 60_000 });
    await first.buildAuthorizeUrl();
    await first.buildAuthorizeUrl();
    expect(server.counters.get('authorization_server_metadata')).toBe(1);
    await harness.client({ discoveryTtl: 60_000 }).buildAuthorizeUrl();
    expect(server.counters.get('authorization_server_metadata')).toBe(1);
    vi.setSystemTime(Date.now() + 61_000);
    await harness.client({ discoveryTtl: 60_000 }).buildAuthorizeUrl();
    expect(server.counters.get('authorization_server_metadata')).toBe(2);
  });

  it('uses explicit metadata without any discovery request', async () => {
    const metadata = await (await server.fetch('/.well-known/oauth-authorization-server')).json();
    server.counters.reset();
    const client = harness.client({ metadata });
    await signIn(client, server);
    expect(server.counters.get('authorization_server_metadata')).toBe(0);
    expect(client.getSnapshot().status).toBe('authenticated');
  });

  it('rejects explicit metadata for another issuer', async () => {
    const client = harness.client({
      metadata: { issuer: 'https://evil.example', authorization_endpoint: 'x' },
    });
    await expect(client.buildAuthorizeUrl()).rejects.toMatchObject({ code: 'invalid_options' });
  });

  it('sends token requests to an overridden token endpoint (a same-origin proxy because of CORS)', async () => {
    const seen: string[] = [];
    const proxy = 'http://localhost:5173/api/telnyx-token';
    const client = harness.client({
      endpoints: { token_endpoint: proxy },
      fetch: (input, init) => {
        const url = input instanceof Request ? input.url : String(input);
        seen.push(url);
        // the "proxy" forwards to the real token endpoint
        return server.fetch(url === proxy ? `${server.issuer}/v2/oauth/token` : input, init);
      },
    });
    await signIn(client, server);
    expect(seen).toContain(proxy);
    expect(seen.filter((url) => url.endsWith('/v2/oauth/token'))).toEqual([]);
  });

  it('fails with discovery_failed (recoverable) when the server is down, and recovers', async () => {
    server.faults.inject({ endpoint: 'authorization_server_metadata', status: 503 });
    const client = harness.client();
    await expect(client.buildAuthorizeUrl()).rejects.toMatchObject({
      code: 'discovery_failed',
      recoverable: true,
    });
    await expect(client.buildAuthorizeUrl()).resolves.toBeInstanceOf(URL);
  });

  it('falls back to stale cached metadata when offline', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    await harness.client({ discoveryTtl: 1000 }).buildAuthorizeUrl();
    vi.setSystemTime(Date.now() + 5000);
    server.faults.inject({ endpoint: 'authorization_server_metadata', drop: true });
    await expect(harness.client({ discoveryTtl: 1000 }).buildAuthorizeUrl()).resolves.toBeInstanceOf(URL);
    expect(server.counters.get('authorization_server_metadata')).toBe(2);
  });

  it('ignores a corrupt cached document and fetches a fresh one', async () => {
    const client = harness.client();
    await harness.storage.set(storageKeys(client.issuer, client.clientId).discovery, {
      v: 1,
      kind: 'discovery',
      issuer: client.issuer,
      fetchedAt: Date.now(),
      metadata: { issuer: 'https://evil.example' },
    });
    await expect(client.buildAuthorizeUrl()).resolves.toBeInstanceOf(URL);
    expect(server.counters.get('authorization_server_metadata')).toBe(1);
  });

  it('refuses plain-http issuers except on loopback', () => {
    const base = { clientId: PUBLIC_CLIENT_ID, redirectUri: REDIRECT_URI, storage: 'memory' as const };
    expect(() => createTelnyxAuth({ ...base, issuer: 'http://auth.example.com' })).toThrow(
      expect.objectContaining({ code: 'insecure_issuer' }),
    );
    expect(() =>
      createTelnyxAuth({ ...base, endpoints: { token_endpoint: 'http://proxy.example/token' } }),
    ).toThrow(TelnyxAuthError);
    for (const issuer of [
      'http://localhost:4010',
      'http://127.0.0.1:4010',
      'http://[::1]:4010',
      'https://api.telnyx.com',
    ]) {
      expect(createTelnyxAuth({ ...base, issuer, broadcastChannel: null }).issuer).toBe(issuer);
    }
    expect(createTelnyxAuth({ ...base, broadcastChannel: null }).issuer).toBe('https://api.telnyx.com');
  });

  describe('getServerMetadata', () => {
    it('is the discovered document, shared with sign-in: one metadata request, no session change', async () => {
      const client = harness.client();
      const metadata = await client.getServerMetadata();
      expect(metadata).toMatchObject({
        issuer: server.issuer,
        token_endpoint: `${server.issuer}/v2/oauth/token`,
        introspection_endpoint: `${server.issuer}/v2/oauth/introspect`,
      });
      expect(client.getSnapshot().status).toBe('loading'); // reading metadata does not start the session
      await client.buildAuthorizeUrl();
      await expect(client.getServerMetadata()).resolves.toBe(metadata);
      expect(server.counters.get('authorization_server_metadata')).toBe(1);
    });

    it('comes from the storage cache on a warm start (no request) and is frozen', async () => {
      await harness.client().getServerMetadata();
      server.counters.reset();
      const metadata = await harness.client().getServerMetadata();
      expect(server.counters.get('authorization_server_metadata')).toBe(0);
      expect(Object.isFrozen(metadata)).toBe(true);
      expect(() => {
        (metadata as { token_endpoint?: string }).token_endpoint = 'https://evil.example/token';
      }).toThrow(TypeError);
    });

    it('applies the endpoint overrides and takes the metadata option as is, without discovery', async () => {
      const proxy = 'http://localhost:5173/api/token';
      await expect(
        harness.client({ endpoints: { token_endpoint: proxy } }).getServerMetadata(),
      ).resolves.toMatchObject({
        token_endpoint: proxy,
        authorization_endpoint: `${server.issuer}/v2/oauth/authorize`,
      });
      server.counters.reset();
      const document = {
        issuer: server.issuer,
        authorization_endpoint: `${server.issuer}/authorize`,
        token_endpoint: `${server.issuer}/token`,
      };
      await expect(harness.client({ metadata: document }).getServerMetadata()).resolves.toEqual(document);
      expect(server.counters.get('authorization_server_metadata')).toBe(0);
    });

    it('rejects with discovery_failed (recoverable) when the server is down, leaves the snapshot alone, and recovers', async () => {
      server.faults.inject({ endpoint: 'authorization_server_metadata', status: 503 });
      const client = harness.client();
      await client.ready();
      await expect(client.getServerMetadata()).rejects.toMatchObject({
        code: 'discovery_failed',
        recoverable: true,
      });
      expect(client.getSnapshot()).toMatchObject({ status: 'unauthenticated', error: null });
      await expect(client.getServerMetadata()).resolves.toMatchObject({ issuer: server.issuer });
    });
  });
});
