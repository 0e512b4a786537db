import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createViteServer, type Plugin, type PreviewServer, type ResolvedConfig } from 'vite';
import { describe, expect, it } from 'vitest';
import { CONTRACT_HEADER, CONTRACT_VERSION } from './contract.js';
import { generateCookieKey } from './key-ring.js';
import {
  APP,
  authorize,
  createUpstream,
  handlerOptions,
  KEY_A,
  type Upstream,
} from './test-utils/harness.js';
import { listen, onCleanup } from './test-utils/http.js';
import { telnyxTokenHandler } from './vite.js';

async function projectWithEnv(lines: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'token-handler-vite-'));
  onCleanup(() => rm(dir, { recursive: true, force: true }));
  await writeFile(
    join(dir, '.env'),
    Object.entries(lines)
      .map(([name, value]) => `${name}=${value}\n`)
      .join(''),
  );
  return dir;
}

type Middleware = (
  request: IncomingMessage,
  response: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/** An HTTP server on 127.0.0.1 running the middleware, then a fallback that answers "fell through". */
async function serve(middleware: Middleware): Promise<string> {
  const server: Server = createServer((request, response) =>
    middleware(request, response, (error?: unknown) => {
      response.statusCode = error ? 500 : 200;
      response.end(error ? String(error) : 'fell through');
    }),
  );
  return listen(server);
}

function envFor(upstream: Upstream, extra: Record<string, string> = {}): Record<string, string> {
  return {
    TELNYX_ISSUER: upstream.server.issuer,
    TELNYX_CLIENT_ID: upstream.clientId,
    TELNYX_CLIENT_SECRET: upstream.clientSecret,
    TELNYX_TOKEN_HANDLER_KEYS: KEY_A,
    TELNYX_TOKEN_HANDLER_ALLOWED_ORIGINS: APP,
    ...extra,
  };
}

async function vite(root: string, plugin: Plugin, envPrefix?: string[]) {
  const server = await createViteServer({
    configFile: false,
    root,
    envDir: root,
    logLevel: 'silent',
    appType: 'custom',
    ...(envPrefix ? { envPrefix } : {}),
    optimizeDeps: { noDiscovery: true, include: [] },
    server: { middlewareMode: true, hmr: false, watch: null },
    plugins: [plugin],
  });
  onCleanup(() => server.close());
  return server;
}

describe('the Vite plugin', () => {
  it('mounts the handler on a dev server (middleware mode), configured from TELNYX_* in .env', async () => {
    const upstream = await createUpstream();
    const root = await projectWithEnv(envFor(upstream));
    const server = await vite(root, telnyxTokenHandler({ fetch: handlerOptions(upstream).fetch }));
    // Vite's client env holds VITE_ variables only: nothing of the handler's reaches the bundle
    expect(Object.keys(server.config.env).filter((name) => name.startsWith('TELNYX'))).toEqual([]);

    const url = await serve(server.middlewares as unknown as Middleware);
    const auth = await authorize(upstream);
    const token = await fetch(`${url}/api/auth/token`, {
      method: 'POST',
      headers: { Origin: APP, [CONTRACT_HEADER]: CONTRACT_VERSION, 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: auth.code, code_verifier: auth.verifier, redirect_uri: auth.redirectUri }),
    });
    expect(token.status).toBe(200);
    expect(await token.json()).toMatchObject({ refresh: true });
    expect(token.headers.getSetCookie()[0]).toContain('HttpOnly; SameSite=Strict; Secure');
    expect(await (await fetch(`${url}/not-auth`)).text()).toBe('fell through');
  });

  it('on a preview server without allowedOrigins, allows the server’s own URLs', async () => {
    const upstream = await createUpstream();
    const root = await projectWithEnv(envFor(upstream, { TELNYX_TOKEN_HANDLER_ALLOWED_ORIGINS: '' }));
    const plugin = telnyxTokenHandler({ fetch: handlerOptions(upstream).fetch });
    const configResolved = plugin.configResolved as (config: ResolvedConfig) => void;
    configResolved({ mode: 'production', envDir: root, envPrefix: 'VITE_' } as unknown as ResolvedConfig);
    let mounted: Middleware | undefined;
    const preview = {
      middlewares: { use: (middleware: Middleware) => (mounted = middleware) },
      resolvedUrls: {
        local: ['http://localhost:4173/'],
        network: ['http://192.168.1.20:4173/', 'https://192.168.1.20:4443/'],
      },
    };
    (plugin.configurePreviewServer as (server: PreviewServer) => void)(preview as unknown as PreviewServer);
    const url = await serve(mounted as Middleware);
    const call = (origin: string) =>
      fetch(`${url}/api/auth/session`, {
        method: 'POST',
        headers: { Origin: origin, [CONTRACT_HEADER]: CONTRACT_VERSION },
      });
    expect(await (await call('http://localhost:4173')).json()).toEqual({ active: false });
    expect((await call('https://192.168.1.20:4443')).status).toBe(200);
    expect((await call('http://192.168.1.20:4173')).status).toBe(403); // plain http off loopback
    expect((await call(APP)).status).toBe(403);
  });

  it('refuses to start when the secret could reach the browser bundle', async () => {
    const upstream = await createUpstream();
    const exposedPrefix = await projectWithEnv(envFor(upstream));
    await expect(vite(exposedPrefix, telnyxTokenHandler(), ['VITE_', 'TELNYX_'])).rejects.toThrow(
      'TELNYX_CLIENT_SECRET',
    );
    const viteSecret = await projectWithEnv({ ...envFor(upstream), VITE_TELNYX_CLIENT_SECRET: 'oops' });
    await expect(vite(viteSecret, telnyxTokenHandler())).rejects.toThrow('VITE_');
  });

  it('refuses to start with missing or invalid options', async () => {
    const upstream = await createUpstream();
    const missing = await projectWithEnv({ TELNYX_CLIENT_ID: 'x' });
    await expect(vite(missing, telnyxTokenHandler())).rejects.toThrow('TELNYX_CLIENT_SECRET');
    const badKey = await projectWithEnv(envFor(upstream, { TELNYX_TOKEN_HANDLER_KEYS: 'short' }));
    await expect(vite(badKey, telnyxTokenHandler())).rejects.toThrow('cookieKeys[0]');
    const ok = await projectWithEnv(envFor(upstream, { TELNYX_TOKEN_HANDLER_KEYS: generateCookieKey() }));
    await expect(vite(ok, telnyxTokenHandler())).resolves.toBeDefined();
  });
});
