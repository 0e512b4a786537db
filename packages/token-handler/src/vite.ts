/**
 * `@telnyx-oauth/token-handler/vite`: a Vite plugin that mounts the token handler on the dev server
 * (`vite`) and the preview server (`vite preview`) at its base path. Options come from the plugin call and
 * from `TELNYX_*` variables in the environment or the project's `.env` files (read with Vite's `loadEnv`,
 * never exposed to client code: they are not `VITE_` variables).
 *
 * @packageDocumentation
 */
import { isSecureOrLoopback } from '@telnyx-oauth/core/shared';
import type { Plugin, PreviewServer, ResolvedConfig, ViteDevServer } from 'vite';
import { loadEnv } from 'vite';
import { SECRET_VARIABLES, tokenHandlerOptionsFromEnv } from './env.js';
import { createTokenHandler, type TokenHandler } from './handler.js';
import { middlewareFor } from './node-adapter.js';
import { parseUrl, type TokenHandlerOptions } from './options.js';

/** Options of the Vite plugin: any handler option; what is missing comes from `TELNYX_*` variables. */
export type TokenHandlerPluginOptions = Partial<TokenHandlerOptions>;

/** Stand-ins for the server's own URLs until they are known, to validate everything else at start-up. */
function placeholderOrigins(options: TokenHandlerPluginOptions): string[] {
  const fromRedirects = (options.redirectUris ?? []).map((uri) => parseUrl(uri)?.origin ?? uri);
  return fromRedirects.length > 0 ? [...new Set(fromRedirects)] : ['http://localhost'];
}

/** Refuses an `envPrefix` that would make Vite inline the secret or the keys into the browser bundle. */
function checkEnvPrefix(config: ResolvedConfig): void {
  const prefixes = ([] as string[]).concat(config.envPrefix ?? []);
  const exposed = SECRET_VARIABLES.filter((name) => prefixes.some((prefix) => name.startsWith(prefix)));
  if (exposed.length > 0) {
    throw new TypeError(
      `envPrefix ${JSON.stringify(config.envPrefix)} would put ${exposed.join(' and ')} into the browser bundle.`,
    );
  }
}

/**
 * The server's own origins that may call the handler: https ones, and http ones on loopback (a LAN
 * address over plain http is left out, by the same rule as everywhere else).
 */
function serverOrigins(server: ViteDevServer | PreviewServer): string[] {
  const urls = server.resolvedUrls;
  const origins = (urls ? [...urls.local, ...urls.network] : [])
    .map((url) => parseUrl(url))
    .filter((url): url is URL => url !== undefined && isSecureOrLoopback(url))
    .map((url) => url.origin);
  if (origins.length === 0) {
    throw new TypeError(
      'The token handler plugin cannot tell this server’s origin (middleware mode?): set allowedOrigins.',
    );
  }
  return [...new Set(origins)];
}

/**
 * The token handler on Vite's dev and preview servers. Without `allowedOrigins` (option or
 * `TELNYX_TOKEN_HANDLER_ALLOWED_ORIGINS`), the server's own URLs are the allowed origins (local and
 * network ones; http only on loopback).
 *
 * @throws TypeError at start-up (from `configResolved`) when options are missing or invalid, when a
 *   `VITE_` variable holds the secret, or when `envPrefix` would expose it.
 */
export function telnyxTokenHandler(options: TokenHandlerPluginOptions = {}): Plugin {
  let resolved: TokenHandlerOptions | undefined;
  let fixed: TokenHandler | undefined;
  let basePath = '/api/auth';

  /** The handler of one server (asked for once per server, by its middleware, at the first request). */
  function handlerFor(server: ViteDevServer | PreviewServer): TokenHandler {
    return (
      fixed ??
      createTokenHandler({ ...(resolved as TokenHandlerOptions), allowedOrigins: serverOrigins(server) })
    );
  }

  function mount(server: ViteDevServer | PreviewServer): void {
    server.middlewares.use(middlewareFor(basePath, () => handlerFor(server)));
  }

  return {
    name: 'telnyx-oauth-token-handler',
    configResolved(config) {
      checkEnvPrefix(config);
      const env = loadEnv(config.mode, config.envDir, ['TELNYX_', 'VITE_TELNYX_']);
      const fromServer = options.allowedOrigins === undefined && !env['TELNYX_TOKEN_HANDLER_ALLOWED_ORIGINS'];
      resolved = tokenHandlerOptionsFromEnv(env, {
        ...options,
        ...(fromServer ? { allowedOrigins: placeholderOrigins(options) } : {}),
      });
      const probe = createTokenHandler(resolved); // validates every option now, not at the first request
      basePath = probe.basePath;
      fixed = fromServer ? undefined : probe;
    },
    configureServer(server) {
      mount(server);
    },
    configurePreviewServer(server) {
      mount(server);
    },
  };
}
