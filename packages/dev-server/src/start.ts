import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { DevServerOptions } from './infra/config.js';
import { createDevServer, type DevServer } from './server.js';

/** `DevServerOptions` plus where to listen. */
export interface StartOptions extends DevServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1: the dev server never listens beyond loopback unless told to. */
  host?: string;
}

/** A dev server listening over HTTP: its URL (= issuer), the server, and how to stop it. */
export interface RunningDevServer {
  /** `http://<host>:<port>` with the port actually bound (IPv6 hosts in brackets); also the issuer. */
  url: string;
  /** The server behind the socket: its config, seed, counters, faults and test helpers. */
  server: DevServer;
  /** Stops listening and closes every open connection (keep-alive ones included); resolves once closed. */
  close(): Promise<void>;
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** Listens over real HTTP; the issuer becomes the actual URL (so port 0 works). */
export async function startDevServer(options: StartOptions = {}): Promise<RunningDevServer> {
  const { port = 0, host = '127.0.0.1', ...serverOptions } = options;
  // The issuer must be the real URL, known only once listening: requests are routed through this slot.
  const slot: { server?: DevServer } = {};
  const listener = getRequestListener((request, env) =>
    slot.server ? slot.server.app.fetch(request, env) : new Response('starting', { status: 503 }),
  );
  const httpServer = createServer(listener);
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const address = httpServer.address() as AddressInfo;
  const url = `http://${urlHost(host)}:${address.port}`;
  const devServer = createDevServer({ ...serverOptions, issuer: url });
  slot.server = devServer;
  return {
    url,
    server: devServer,
    close: () =>
      new Promise<void>((resolve, reject) => {
        httpServer.close((error) => (error ? reject(error) : resolve()));
        httpServer.closeAllConnections();
      }),
  };
}
