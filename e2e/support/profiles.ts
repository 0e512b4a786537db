/**
 * The three server profiles the demo's main journeys run against (e2e/profiles.spec.ts), each a Playwright
 * project with its own demo build, `vite preview` port and embedded dev server (started with the flags in
 * `devServerArgs` through TELNYX_DEV_SERVER_ARGS, see apps/demo/vite/dev-server-plugin.ts):
 * - `default`: the standard dev server, browser-only (the demo's `dist`, every other spec runs here too);
 * - `no-revocation-no-iss`: what Telnyx lacks in its metadata (no RFC 7009 endpoint, no RFC 9207 `iss`),
 *   browser-only;
 * - `telnyx-handler`: today's documented Telnyx (`--profile telnyx`: also no CORS on the token endpoint and
 *   no refresh tokens for public clients), through the token handler (`VITE_TELNYX_TOKEN_HANDLER`).
 * playwright.config.ts and e2e/support/build-demo-variants.ts read this list.
 */

export interface ServerProfile {
  /** The Playwright project's name. */
  name: 'default' | 'no-revocation-no-iss' | 'telnyx-handler';
  /** `vite preview` serves this profile's build here. */
  demoPort: number;
  /** Its embedded dev server. */
  devServerPort: number;
  /** TELNYX_DEV_SERVER_ARGS: the dev server's CLI flags. */
  devServerArgs: string;
  /** VITE_TELNYX_TOKEN_HANDLER, or null for browser-only. */
  tokenHandler: string | null;
  /** The build, relative to apps/demo. */
  outDir: string;
  /** The environment the build and `vite preview` get (besides the process's own). */
  env: Record<string, string>;
  /** What the server offers, as the journeys check it. */
  offers: { revocation: boolean; iss: boolean };
}

/**
 * The handler's cookie key in the `telnyx-handler` project, fixed so that the test can open the session
 * cookie and learn the refresh token the dev server issued (which the page must never see). A test key:
 * the demo run by hand generates its own at start.
 */
export const HANDLER_COOKIE_KEY = 'ZTJlLXRlc3Qta2V5LW5vdC1hLXNlY3JldC0zMmJ5dGU';

function profile(
  name: ServerProfile['name'],
  demoPort: number,
  devServerPort: number,
  flags: string,
  tokenHandler: string | null,
  offers: ServerProfile['offers'],
): ServerProfile {
  const devServerArgs =
    devServerPort === 4010 && flags === '' ? '' : `--port ${devServerPort} ${flags}`.trim();
  return {
    name,
    demoPort,
    devServerPort,
    devServerArgs,
    tokenHandler,
    outDir: name === 'default' ? 'dist' : `dist-e2e/${name}`,
    env: {
      ...(devServerArgs ? { TELNYX_DEV_SERVER_ARGS: devServerArgs } : {}),
      ...(tokenHandler
        ? { VITE_TELNYX_TOKEN_HANDLER: tokenHandler, TELNYX_TOKEN_HANDLER_KEYS: HANDLER_COOKIE_KEY }
        : {}),
    },
    offers,
  };
}

export const PROFILES: readonly ServerProfile[] = [
  profile('default', 4173, 4010, '', null, { revocation: true, iss: true }),
  profile('no-revocation-no-iss', 4174, 4011, '--no-revocation --no-iss', null, {
    revocation: false,
    iss: false,
  }),
  profile('telnyx-handler', 4175, 4012, '--profile telnyx', '/api/auth', { revocation: false, iss: false }),
];

export const DEFAULT_PROFILE: ServerProfile = PROFILES[0]!;

export const origin = (port: number): string => `http://127.0.0.1:${port}`;
