/**
 * Options from environment variables, for servers configured by their platform (Node, Workers bindings,
 * Deno, Bun). Names never start with `VITE_`: Vite inlines `VITE_*` variables into the browser bundle.
 */
import type { ClientAuthMethod, TokenHandlerOptions } from './options.js';

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

/** One variable: the option it sets, how its text becomes the value, and whether it is required or secret. */
interface EnvVariable {
  readonly variable: string;
  readonly option: keyof TokenHandlerOptions;
  readonly parse: (value: string | undefined) => unknown;
  /** Needed unless given in `overrides`. */
  readonly required?: true;
  /** Must never reach the browser bundle (never a `VITE_` variable, never under Vite's `envPrefix`). */
  readonly secret?: true;
}

/** Every variable of the token handler, written once: the map, the parsing, the required and secret ones. */
const VARIABLES = [
  // default DEFAULT_ISSUER (https://api.telnyx.com)
  { variable: 'TELNYX_ISSUER', option: 'issuer', parse: (value) => text(value) ?? DEFAULT_ISSUER },
  // the confidential client's id
  { variable: 'TELNYX_CLIENT_ID', option: 'clientId', parse: text, required: true },
  { variable: 'TELNYX_CLIENT_SECRET', option: 'clientSecret', parse: text, required: true, secret: true },
  // comma-separated, newest first (see generateCookieKey)
  { variable: 'TELNYX_TOKEN_HANDLER_KEYS', option: 'cookieKeys', parse: list, required: true, secret: true },
  // comma-separated origins of the app, e.g. https://app.example.com
  { variable: 'TELNYX_TOKEN_HANDLER_ALLOWED_ORIGINS', option: 'allowedOrigins', parse: list, required: true },
  // comma-separated; default any http(s) URI on the request's (allowed) origin
  { variable: 'TELNYX_TOKEN_HANDLER_REDIRECT_URIS', option: 'redirectUris', parse: list },
  // default /api/auth
  { variable: 'TELNYX_TOKEN_HANDLER_BASE_PATH', option: 'basePath', parse: text },
  // set it to skip discovery (e.g. https://api.telnyx.com/oauth/token)
  { variable: 'TELNYX_TOKEN_ENDPOINT', option: 'tokenEndpoint', parse: text },
  // `none` turns revocation off
  {
    variable: 'TELNYX_REVOCATION_ENDPOINT',
    option: 'revocationEndpoint',
    parse: (value) => {
      const endpoint = text(value);
      return endpoint === 'none' ? false : endpoint;
    },
  },
  // client_secret_basic (default) or client_secret_post
  {
    variable: 'TELNYX_TOKEN_ENDPOINT_AUTH_METHOD',
    option: 'tokenEndpointAuthMethod',
    parse: (value) => text(value) as ClientAuthMethod | undefined,
  },
] as const satisfies readonly EnvVariable[];

/**
 * The variables {@link tokenHandlerOptionsFromEnv} reads, with the option each one sets (derived from the
 * one table in env.ts; the README's "Environment variables" describes each).
 */
export const TOKEN_HANDLER_ENV: {
  readonly [V in (typeof VARIABLES)[number] as V['variable']]: V['option'];
} = Object.freeze(Object.fromEntries(VARIABLES.map(({ variable, option }) => [variable, option]))) as never;

/** The variables that must never reach the browser bundle (the client secret, the cookie keys). */
export const SECRET_VARIABLES: readonly string[] = VARIABLES.filter((each: EnvVariable) => each.secret).map(
  ({ variable }) => variable,
);

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
  if (SECRET_VARIABLES.some((variable) => env[`VITE_${variable}`] !== undefined)) {
    throw new TypeError(
      'A VITE_ variable holds the client secret or cookie keys: Vite puts VITE_ variables into the browser ' +
        `bundle. Rename it to ${SECRET_VARIABLES.join(' / ')} and rotate the secret.`,
    );
  }
  const merged: Record<string, unknown> = {};
  for (const { variable, option, parse } of VARIABLES) {
    const value = parse(env[variable]);
    if (value !== undefined) merged[option] = value;
  }
  for (const [name, value] of Object.entries(overrides)) if (value !== undefined) merged[name] = value;

  const missing = VARIABLES.filter(
    (each: EnvVariable) => each.required && merged[each.option] === undefined,
  ).map(({ variable }) => variable);
  if (missing.length > 0) {
    throw new TypeError(`The token handler needs ${missing.join(', ')} (see the token handler README).`);
  }
  return merged as unknown as TokenHandlerOptions;
}
