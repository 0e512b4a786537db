/**
 * The token handler (`@telnyx-oauth/token-handler`) on the demo's dev and preview servers, when
 * `VITE_TELNYX_TOKEN_HANDLER` names its path (e.g. `/api/auth`). Mounted with the package's own Vite plugin,
 * which reads the server-side `TELNYX_*` variables (issuer, client id, `TELNYX_CLIENT_SECRET`, cookie keys,
 * allowed origins); none of them is a `VITE_` variable, so none reaches the browser bundle.
 *
 * Zero configuration against the embedded dev server: what is not set defaults to the dev server (issuer),
 * its seeded confidential client and that client's secret, and a cookie key generated when Vite starts (so
 * sessions end when it restarts). Those defaults apply only to the embedded dev server on loopback: against
 * any other issuer the secret and the keys must be configured, and the plugin refuses to start without them.
 */
import type { Plugin, PreviewServer, ViteDevServer } from 'vite';
import type * as TokenHandlerModule from '@telnyx-oauth/token-handler';
import type * as TokenHandlerViteModule from '@telnyx-oauth/token-handler/vite';
import type { DevServerSettings } from './dev-server-plugin.js';

/** The dev server's seeded confidential client (packages/dev-server/README.md, "Seeded data"). */
export const SEEDED_CONFIDENTIAL_CLIENT_ID = 'telnyx-oauth-confidential';
const SEEDED_CONFIDENTIAL_CLIENT_SECRET = 'dev-confidential-secret';

type Env = Record<string, string | undefined>;

const text = (value: string | undefined): string | undefined => value?.trim() || undefined;

function isLoopbackUrl(url: string): boolean {
  try {
    return /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/.test(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** What the demo decided: the handler plugin's options and what the banner says about them. */
export interface DemoTokenHandlerPlan {
  /** The base path (`VITE_TELNYX_TOKEN_HANDLER`). */
  basePath: string;
  issuer: string | undefined;
  clientId: string | undefined;
  /** Options given to the plugin on top of the `TELNYX_*` variables it reads itself. */
  overrides: { issuer?: string; clientId?: string; clientSecret?: string; basePath?: string };
  /** True when the cookie key is generated at start (no `TELNYX_TOKEN_HANDLER_KEYS`). */
  ephemeralKey: boolean;
  /** True when the secret is the dev server's seeded one (no `TELNYX_CLIENT_SECRET`). */
  seededSecret: boolean;
}

/**
 * Decides the handler's options from the environment (`VITE_*` and `TELNYX_*`), or null when
 * `VITE_TELNYX_TOKEN_HANDLER` is unset or an absolute URL (a handler served elsewhere, not mounted here).
 */
export function planTokenHandler(env: Env, embedded: DevServerSettings | null): DemoTokenHandlerPlan | null {
  const basePath = text(env['VITE_TELNYX_TOKEN_HANDLER']);
  if (!basePath || !basePath.startsWith('/')) return null;
  const issuer = text(env['TELNYX_ISSUER']) ?? text(env['VITE_TELNYX_ISSUER']) ?? embedded?.url;
  const clientId =
    text(env['TELNYX_CLIENT_ID']) ??
    text(env['VITE_TELNYX_CLIENT_ID']) ??
    (embedded ? SEEDED_CONFIDENTIAL_CLIENT_ID : undefined);
  // Only the embedded dev server, on loopback, with its seeded client, gets the zero-configuration defaults.
  const embeddedIssuer = embedded !== null && issuer === embedded.url && isLoopbackUrl(issuer);
  const seededSecret =
    embeddedIssuer && clientId === SEEDED_CONFIDENTIAL_CLIENT_ID && !text(env['TELNYX_CLIENT_SECRET']);
  const ephemeralKey = embeddedIssuer && !text(env['TELNYX_TOKEN_HANDLER_KEYS']);
  return {
    basePath,
    issuer,
    clientId,
    overrides: {
      ...(!text(env['TELNYX_ISSUER']) && issuer ? { issuer } : {}),
      ...(!text(env['TELNYX_CLIENT_ID']) && clientId ? { clientId } : {}),
      ...(seededSecret ? { clientSecret: SEEDED_CONFIDENTIAL_CLIENT_SECRET } : {}),
      ...(!text(env['TELNYX_TOKEN_HANDLER_BASE_PATH']) ? { basePath } : {}),
    },
    ephemeralKey,
    seededSecret,
  };
}

/** The banner lines that say where the handler is and which defaults it took. */
export function tokenHandlerBanner(plan: DemoTokenHandlerPlan): string[] {
  const pad = ' '.repeat(24);
  const lines = [
    `  Token handler         ${plan.basePath} → ${plan.issuer ?? 'https://api.telnyx.com'}, client ${plan.clientId ?? '(TELNYX_CLIENT_ID)'}`,
  ];
  if (plan.seededSecret) lines.push(`${pad}secret: the dev server's seeded one (no TELNYX_CLIENT_SECRET)`);
  if (plan.ephemeralKey) {
    lines.push(
      `${pad}cookie key: generated at start (no TELNYX_TOKEN_HANDLER_KEYS): sessions end when Vite restarts`,
    );
  }
  return lines;
}

/**
 * The package's Vite plugin with the demo's defaults. Loaded through tsx (the workspace package ships
 * TypeScript), after Vite has loaded this config.
 */
export async function demoTokenHandler(plan: DemoTokenHandlerPlan, printBanner: boolean): Promise<Plugin[]> {
  const { tsImport } = await import('tsx/esm/api');
  const [{ generateCookieKey }, { telnyxTokenHandler }] = (await Promise.all([
    tsImport('@telnyx-oauth/token-handler', import.meta.url),
    tsImport('@telnyx-oauth/token-handler/vite', import.meta.url),
  ])) as [typeof TokenHandlerModule, typeof TokenHandlerViteModule];
  const handler = telnyxTokenHandler({
    ...plan.overrides,
    ...(plan.ephemeralKey ? { cookieKeys: [generateCookieKey()] } : {}),
  });
  if (!printBanner) return [handler];
  // Without the embedded dev server, the banner is this plugin's own.
  const banner = (server: ViteDevServer | PreviewServer) => {
    const printUrls = server.printUrls.bind(server);
    server.printUrls = () => {
      printUrls();
      server.config.logger.info(['', ...tokenHandlerBanner(plan)].join('\n') + '\n');
    };
  };
  return [
    handler,
    {
      name: 'telnyx-oauth-demo-token-handler-banner',
      configureServer: banner,
      configurePreviewServer: banner,
    },
  ];
}
