/**
 * Starts the Telnyx OAuth dev server next to Vite (dev and preview), so `pnpm dev` is one command:
 * the demo on 127.0.0.1:5173 (or 4173 for preview) and a local authorization server on 127.0.0.1:4010.
 * Those demo origins are the seeded public client's registered redirect URIs.
 */
import type { Logger, Plugin, PreviewServer, ViteDevServer } from 'vite';
import type * as DevServerModule from '@telnyx-oauth/dev-server';

export const DEV_SERVER_PORT = 4010;
export const DEV_SERVER_URL = `http://127.0.0.1:${DEV_SERVER_PORT}`;

interface RunningDevServer {
  url: string;
  apiKey: string | null;
  close(): Promise<void>;
}

/** Another process (a second `pnpm dev`, or `pnpm dev-server`) may already serve the port: reuse it. */
async function existingDevServer(url: string): Promise<RunningDevServer | null> {
  try {
    const response = await fetch(`${url}/.well-known/oauth-authorization-server`, {
      signal: AbortSignal.timeout(2000),
    });
    if (!response.ok) return null;
    const metadata = (await response.json()) as { issuer?: unknown };
    if (metadata.issuer !== url) return null;
    return { url, apiKey: null, close: async () => {} };
  } catch {
    return null;
  }
}

async function startOrReuse(logger: Logger): Promise<RunningDevServer> {
  const reused = await existingDevServer(DEV_SERVER_URL);
  if (reused) {
    logger.info(`  telnyx-oauth: reusing the dev server already running at ${DEV_SERVER_URL}`);
    return reused;
  }
  // Imported lazily so a build pointed at real Telnyx never loads the dev server. The workspace package
  // ships TypeScript sources and Vite has already finished loading this config, so tsx compiles it here.
  const { tsImport } = await import('tsx/esm/api');
  const { startDevServer } = (await tsImport(
    '@telnyx-oauth/dev-server',
    import.meta.url,
  )) as typeof DevServerModule;
  const started = await startDevServer({ port: DEV_SERVER_PORT, host: '127.0.0.1' });
  return { url: started.url, apiKey: started.server.seed.user.apiKey, close: () => started.close() };
}

function attach(server: ViteDevServer | PreviewServer): void {
  const logger = server.config.logger;
  const running = startOrReuse(logger);
  running.catch((error: unknown) => {
    logger.error(
      `  telnyx-oauth: could not start the dev server on port ${DEV_SERVER_PORT}: ${String(error)}`,
    );
  });

  const printUrls = server.printUrls.bind(server);
  server.printUrls = () => {
    printUrls();
    void running.then(
      (devServer) => {
        const origin = server.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? '';
        const lines = [
          '',
          `  \u001b[1mSign in with Telnyx\u001b[0m  open ${origin || 'the Local URL above'} and press "Sign in with Telnyx"`,
          `  Authorization server  ${devServer.url}  (local dev server, user dev@example.com)`,
        ];
        if (devServer.apiKey) lines.push(`  Management API key    ${devServer.apiKey}`);
        logger.info(lines.join('\n') + '\n');
      },
      () => {},
    );
  };

  server.httpServer?.once('close', () => {
    void running.then((devServer) => devServer.close()).catch(() => {});
  });
}

/** `enabled` is false when VITE_TELNYX_ISSUER points the demo at another authorization server. */
export function telnyxDevServer(enabled: boolean): Plugin {
  return {
    name: 'telnyx-oauth-dev-server',
    config() {
      return { define: { __TELNYX_DEV_SERVER_URL__: JSON.stringify(enabled ? DEV_SERVER_URL : null) } };
    },
    configureServer(server) {
      if (enabled) attach(server);
    },
    configurePreviewServer(server) {
      if (enabled) attach(server);
    },
  };
}
