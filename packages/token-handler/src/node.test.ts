import { createServer } from 'node:http';
import { startDevServer, type RunningDevServer } from '@telnyx-oauth/dev-server';
import { describe, expect, it } from 'vitest';
import { CONTRACT_HEADER, CONTRACT_VERSION } from './contract.js';
import { createTokenHandler } from './handler.js';
import { createNodeListener, createNodeMiddleware } from './node.js';
import {
  APP,
  authorize,
  cookieHeader,
  handlerOptions,
  KEY_A,
  registerClient,
  type Upstream,
} from './test-utils/harness.js';
import { listen, onCleanup } from './test-utils/http.js';

/** The dev server over real HTTP too: the handler reaches it with the global fetch. */
async function liveUpstream(): Promise<{ running: RunningDevServer; upstream: Upstream }> {
  const running = await startDevServer({ port: 0 });
  onCleanup(() => running.close());
  return { running, upstream: await registerClient(running.server) };
}

const headers = { Origin: APP, [CONTRACT_HEADER]: CONTRACT_VERSION };

describe('the Node entry on a real HTTP server', () => {
  it('signs in, refreshes and reports the session over sockets, with the global fetch upstream', async () => {
    const { running, upstream } = await liveUpstream();
    const { fetch: _inProcess, ...options } = handlerOptions(upstream);
    const url = await listen(createServer(createNodeListener(options)));
    const auth = await authorize(upstream);

    const token = await fetch(`${url}/api/auth/token`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: auth.code, code_verifier: auth.verifier, redirect_uri: auth.redirectUri }),
    });
    expect(token.status).toBe(200);
    expect(token.headers.get('cache-control')).toBe('no-store');
    expect(await token.json()).toMatchObject({ token_type: 'Bearer', refresh: true });
    const [setCookie] = token.headers.getSetCookie();
    expect(setCookie).toMatch(
      /^__Secure-telnyx-auth=v1\..*; Path=\/api\/auth; Max-Age=\d+; HttpOnly; SameSite=Strict; Secure$/,
    );
    const cookie = cookieHeader(token);

    const refresh = await fetch(`${url}/api/auth/refresh`, {
      method: 'POST',
      headers: { ...headers, Cookie: cookie },
    });
    expect(refresh.status).toBe(200);
    expect(refresh.headers.get('connection')).toBe('keep-alive'); // bodies read to the end: reusable
    expect(running.server.counters.get('token:refresh_token')).toBe(1);

    const elsewhere = await fetch(`${url}/somewhere`, { method: 'POST', headers });
    expect(elsewhere.status).toBe(404);
    expect(await elsewhere.json()).toMatchObject({ error: 'not_found' });
  });

  it('answers 413 to a large streamed body over a socket, and upstream_unavailable when the upstream drops', async () => {
    const { running, upstream } = await liveUpstream();
    const { fetch: _inProcess, ...options } = handlerOptions(upstream);
    const handler = createTokenHandler(options);
    const url = await listen(createServer(createNodeListener(handler)));

    const big = await fetch(`${url}/api/auth/token`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 64; i += 1) controller.enqueue(new Uint8Array(1024).fill(0x20));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(big.status).toBe(413);
    // the unread rest of the body is still on that socket: the client must not reuse it
    expect(big.headers.get('connection')).toBe('close');

    const auth = await authorize(upstream);
    running.server.faults.inject({ endpoint: 'token', drop: true });
    const dropped = await fetch(`${url}/api/auth/token`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: auth.code, code_verifier: auth.verifier, redirect_uri: auth.redirectUri }),
    });
    expect(dropped.status).toBe(503);
    expect(await dropped.json()).toMatchObject({ error: 'upstream_unavailable' });
    expect(running.server.counters.get('token')).toBe(1);
  });

  it('as middleware: handles its base path (also under an Express-style mount) and passes the rest on', async () => {
    const middleware = createNodeMiddleware({
      issuer: 'https://api.telnyx.com',
      clientId: 'client',
      clientSecret: 'secret',
      cookieKeys: [KEY_A],
      allowedOrigins: [APP],
    });
    const server = createServer((request, response) => {
      // what Express does for app.use('/api', middleware): strip the mount path, keep originalUrl
      if (request.url?.startsWith('/mounted/')) {
        Object.assign(request, { originalUrl: request.url.replace('/mounted', ''), url: '/session' });
      }
      middleware(request, response, (error?: unknown) => {
        response.statusCode = error ? 500 : 200;
        response.end(error ? 'error' : 'the app');
      });
    });
    const url = await listen(server);
    const app = await fetch(`${url}/index.html`);
    expect(await app.text()).toBe('the app');
    const near = await fetch(`${url}/api/authx/session`, { method: 'POST', headers });
    expect(await near.text()).toBe('the app');
    const session = await fetch(`${url}/api/auth/session`, { method: 'POST', headers });
    expect(await session.json()).toEqual({ active: false });
    const mounted = await fetch(`${url}/mounted/api/auth/session`, { method: 'POST', headers });
    expect(await mounted.json()).toEqual({ active: false });
    const unknown = await fetch(`${url}/api/auth/nope`, { method: 'POST', headers });
    expect(unknown.status).toBe(404);
  });
});
