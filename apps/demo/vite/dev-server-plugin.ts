/**
 * Starts the Telnyx OAuth dev server next to Vite (dev and preview), so `pnpm dev` is one command:
 * the demo on 127.0.0.1:5173 (or 4173 for preview) and a local authorization server on 127.0.0.1:4010.
 * Those demo origins are the seeded clients' registered redirect URIs; a demo served on another port
 * (`vite preview --port 4174`) registers its own callback with the server it starts.
 *
 * `TELNYX_DEV_SERVER_ARGS` (environment or `.env*`, never bundled) passes the dev server's CLI flags, read
 * with its own parser: `--profile telnyx`, `--no-revocation --no-iss`, `--port 4011`, ... (see
 * packages/dev-server/README.md). The flags apply to the server this plugin starts, not to one it reuses.
 */
import type { Logger, Plugin, PreviewServer, ViteDevServer } from 'vite';
import type * as DevServerModule from '@telnyx-oauth/dev-server';

export const DEFAULT_DEV_SERVER_PORT = 4010;

/** The embedded dev server: where it listens and what it is started with. */
export interface DevServerSettings {
  /** `http://<host>:<port>`: the issuer the demo is built against. */
  url: string;
  /** The flags it was given (`TELNYX_DEV_SERVER_ARGS`), for the banner; empty for the defaults. */
  args: readonly string[];
  /** `startDevServer` options, from the flags. */
  options: DevServerModule.StartOptions;
}

/** The dev server package, compiled on the fly (it ships TypeScript; Vite has finished loading its config). */
async function loadDevServer(): Promise<typeof DevServerModule> {
  const { tsImport } = await import('tsx/esm/api');
  return (await tsImport('@telnyx-oauth/dev-server', import.meta.url)) as typeof DevServerModule;
}

/**
 * The embedded dev server's settings from `TELNYX_DEV_SERVER_ARGS` (flags separated by spaces), parsed by
 * the dev server's CLI parser. Without flags: 127.0.0.1:4010, the standard profile, and nothing is loaded.
 *
 * @throws Error for a flag the dev server does not know, `--help`, or `--port 0` (the demo is built
 *   against the server's URL, so it must be known before the server starts).
 */
export async function devServerSettings(rawArgs: string | undefined): Promise<DevServerSettings> {
  const args = (rawArgs ?? '').split(/\s+/).filter(Boolean);
  if (args.length === 0) {
    const host = '127.0.0.1';
    return {
      url: `http://${host}:${DEFAULT_DEV_SERVER_PORT}`,
      args,
      options: { port: DEFAULT_DEV_SERVER_PORT, host },
    };
  }
  const { parseCliArgs } = await loadDevServer();
  let parsed;
  try {
    parsed = parseCliArgs(args);
  } catch (error) {
    throw new Error(`TELNYX_DEV_SERVER_ARGS: ${(error as Error).message}`, { cause: error });
  }
  if (parsed.help) throw new Error('TELNYX_DEV_SERVER_ARGS: --help is not a setting');
  const { port = DEFAULT_DEV_SERVER_PORT, host = '127.0.0.1' } = parsed.options;
  if (port === 0) throw new Error('TELNYX_DEV_SERVER_ARGS: give the dev server a fixed --port (not 0)');
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return { url: `http://${urlHost}:${port}`, args, options: parsed.options };
}

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

/** The callbacks of this Vite server's own port, unless the seed already has them (5173 and 4173). */
function ownCallbacks(server: ViteDevServer | PreviewServer): string[] {
  const preview = !('moduleGraph' in server);
  const port = preview ? server.config.preview.port : server.config.server.port;
  if (port === undefined || port === 5173 || port === 4173) return [];
  return [`http://127.0.0.1:${port}/callback`, `http://localhost:${port}/callback`];
}

async function startOrReuse(
  settings: DevServerSettings,
  extraRedirectUris: string[],
  logger: Logger,
): Promise<RunningDevServer> {
  const reused = await existingDevServer(settings.url);
  if (reused) {
    logger.info(`  telnyx-oauth: reusing the dev server already running at ${settings.url}`);
    return reused;
  }
  // Imported lazily so a build pointed at real Telnyx never loads the dev server.
  const { startDevServer } = await loadDevServer();
  const started = await startDevServer({
    ...settings.options,
    extraRedirectUris: [...(settings.options.extraRedirectUris ?? []), ...extraRedirectUris],
  });
  return { url: started.url, apiKey: started.server.seed.user.apiKey, close: () => started.close() };
}

function attach(
  server: ViteDevServer | PreviewServer,
  settings: DevServerSettings,
  extraRedirectUris: readonly string[],
  bannerLines: readonly string[],
): void {
  const logger = server.config.logger;
  const callbacks = [...new Set([...ownCallbacks(server), ...extraRedirectUris])];
  const running = startOrReuse(settings, callbacks, logger);
  running.catch((error: unknown) => {
    logger.error(`  telnyx-oauth: could not start the dev server at ${settings.url}: ${String(error)}`);
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
        if (settings.args.length > 0) lines.push(`  Dev server flags      ${settings.args.join(' ')}`);
        if (devServer.apiKey) lines.push(`  Management API key    ${devServer.apiKey}`);
        logger.info([...lines, ...bannerLines].join('\n') + '\n');
      },
      () => {},
    );
  };

  server.httpServer?.once('close', () => {
    void running.then((devServer) => devServer.close()).catch(() => {});
  });
}

/** What the plugin is given: `settings` is null when VITE_TELNYX_ISSUER points the demo at another server. */
export interface DevServerPluginOptions {
  settings: DevServerSettings | null;
  /** More redirect URIs to register with the demo's clients (e.g. a `VITE_TELNYX_REDIRECT_URI`). */
  extraRedirectUris?: readonly string[];
  /** Lines printed after the dev server's (the token handler's). */
  bannerLines?: readonly string[];
}

export function telnyxDevServer({
  settings,
  extraRedirectUris = [],
  bannerLines = [],
}: DevServerPluginOptions): Plugin {
  return {
    name: 'telnyx-oauth-dev-server',
    config() {
      return { define: { __TELNYX_DEV_SERVER_URL__: JSON.stringify(settings?.url ?? null) } };
    },
    configureServer(server) {
      if (settings) attach(server, settings, extraRedirectUris, bannerLines);
    },
    configurePreviewServer(server) {
      if (settings) attach(server, settings, extraRedirectUris, bannerLines);
    },
  };
}
