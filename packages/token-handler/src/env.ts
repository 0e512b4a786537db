/**
 * Options from environment variables, for servers configured by their platform (Node, Workers bindings,
 * Deno, Bun). Names never start with `VITE_`: Vite inlines `VITE_*` variables into the browser bundle.
 */
import type { ClientAuthMethod, TokenHandlerOptions } from './options.js';

/** The variables {@link tokenHandlerOptionsFromEnv} reads, with the option each one sets. */
export const TOKEN_HANDLER_ENV = {
  /** `issuer`; default {@link DEFAULT_ISSUER} (`https://api.telnyx.com`). */
  TELNYX_ISSUER: 'issuer',
  /** `clientId`, the confidential client's id. Required. */
  TELNYX_CLIENT_ID: 'clientId',
  /** `clientSecret`. Required; never in a `VITE_` variable. */
  TELNYX_CLIENT_SECRET: 'clientSecret',
  /** `cookieKeys`: comma-separated, newest first (see {@link generateCookieKey}). Required. */
  TELNYX_TOKEN_HANDLER_KEYS: 'cookieKeys',
  /** `allowedOrigins`: comma-separated origins of the app, e.g. `https://app.example.com`. Required. */
  TELNYX_TOKEN_HANDLER_ALLOWED_ORIGINS: 'allowedOrigins',
  /** `redirectUris`: comma-separated; default any http(s) URI on the request's (allowed) origin. */
  TELNYX_TOKEN_HANDLER_REDIRECT_URIS: 'redirectUris',
  /** `basePath`; default `/api/auth`. */
  TELNYX_TOKEN_HANDLER_BASE_PATH: 'basePath',
  /** `tokenEndpoint`: set it to skip discovery (e.g. `https://api.telnyx.com/oauth/token`). */
  TELNYX_TOKEN_ENDPOINT: 'tokenEndpoint',
  /** `revocationEndpoint`; `none` turns revocation off. */
  TELNYX_REVOCATION_ENDPOINT: 'revocationEndpoint',
  /** `tokenEndpointAuthMethod`: `client_secret_basic` (default) or `client_secret_post`. */
  TELNYX_TOKEN_ENDPOINT_AUTH_METHOD: 'tokenEndpointAuthMethod',
} as const;

/** Telnyx's issuer, used when `TELNYX_ISSUER` is not set. */
export const DEFAULT_ISSUER = 'https://api.telnyx.com';

/** An environment: `process.env`, a Workers `env` binding object, `Deno.env.toObject()`. */
export type Env = Readonly<Record<string, string | undefined>>;

function list(value: string | undefined): string[] | undefined {
  const items = value
    ?.split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return items && items.length > 0 ? items : undefined;
}

function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * Builds {@link TokenHandlerOptions} from environment variables; `overrides` win over the environment.
 * Lists are comma-separated (`TELNYX_TOKEN_HANDLER_KEYS` newest first). `TELNYX_REVOCATION_ENDPOINT=none`
 * turns revocation off. The values are validated by `createTokenHandler`.
 *
 * @param env Default `process.env` where there is one. Pass a Workers `env` object explicitly.
 * @throws TypeError naming every required variable that is missing (`TELNYX_CLIENT_ID`,
 *   `TELNYX_CLIENT_SECRET`, `TELNYX_TOKEN_HANDLER_KEYS`, `TELNYX_TOKEN_HANDLER_ALLOWED_ORIGINS`) and not
 *   given in `overrides`, or when the secret is found in a `VITE_` variable.
 */
export function tokenHandlerOptionsFromEnv(
  env: Env = (globalThis as { process?: { env: Env } }).process?.env ?? {},
  overrides: Partial<TokenHandlerOptions> = {},
): TokenHandlerOptions {
  if (env['VITE_TELNYX_CLIENT_SECRET'] !== undefined || env['VITE_TELNYX_TOKEN_HANDLER_KEYS'] !== undefined) {
    throw new TypeError(
      'A VITE_ variable holds the client secret or cookie keys: Vite puts VITE_ variables into the browser ' +
        'bundle. Rename it to TELNYX_CLIENT_SECRET / TELNYX_TOKEN_HANDLER_KEYS and rotate the secret.',
    );
  }
  const revocation = text(env['TELNYX_REVOCATION_ENDPOINT']);
  const fromEnv: Partial<Record<keyof TokenHandlerOptions, unknown>> = {
    issuer: text(env['TELNYX_ISSUER']) ?? DEFAULT_ISSUER,
    clientId: text(env['TELNYX_CLIENT_ID']),
    clientSecret: text(env['TELNYX_CLIENT_SECRET']),
    cookieKeys: list(env['TELNYX_TOKEN_HANDLER_KEYS']),
    allowedOrigins: list(env['TELNYX_TOKEN_HANDLER_ALLOWED_ORIGINS']),
    redirectUris: list(env['TELNYX_TOKEN_HANDLER_REDIRECT_URIS']),
    basePath: text(env['TELNYX_TOKEN_HANDLER_BASE_PATH']),
    tokenEndpoint: text(env['TELNYX_TOKEN_ENDPOINT']),
    revocationEndpoint: revocation === 'none' ? false : revocation,
    tokenEndpointAuthMethod: text(env['TELNYX_TOKEN_ENDPOINT_AUTH_METHOD']) as ClientAuthMethod | undefined,
  };
  const merged: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fromEnv)) if (value !== undefined) merged[name] = value;
  for (const [name, value] of Object.entries(overrides)) if (value !== undefined) merged[name] = value;

  const missing = Object.entries(TOKEN_HANDLER_ENV)
    .filter(([, option]) => ['clientId', 'clientSecret', 'cookieKeys', 'allowedOrigins'].includes(option))
    .filter(([, option]) => merged[option] === undefined)
    .map(([variable]) => variable);
  if (missing.length > 0) {
    throw new TypeError(`The token handler needs ${missing.join(', ')} (see the token handler README).`);
  }
  return merged as unknown as TokenHandlerOptions;
}
