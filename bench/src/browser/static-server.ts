import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StaticServer {
  readonly origin: string;
  /** Replaces what is served; the server can start before the pages are built. */
  setFiles(files: Readonly<Record<string, { body: string; type: string }>>): void;
  close(): Promise<void>;
}

/**
 * A tiny single-page-app server on 127.0.0.1 with a free port: known paths answer their file, every
 * other GET answers `/index.html` (so `/callback` reaches the app). Nothing is cached, so every library's
 * page loads the same way on every run.
 */
export async function startStaticServer(): Promise<StaticServer> {
  let files: Readonly<Record<string, { body: string; type: string }>> = {};
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const file = files[path] ?? files['/index.html'];
    if (request.method !== 'GET' || !file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(file.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    setFiles(next) {
      files = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
