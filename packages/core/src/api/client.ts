/**
 * `TelnyxOAuthAPI`: every endpoint of the Telnyx OAuth API, named as in Telnyx's own SDKs.
 * Server side it authenticates with an API key (default `TELNYX_API_KEY`); in the browser it binds to a
 * signed-in session (`createTelnyxOAuthAPI({ auth })`) and sends, and refreshes, the user's access token.
 */
import { ValidationError } from './errors.js';
import { Transport, type CredentialSource } from './request.js';
import { DEFAULT_MAX_RETRIES } from './retry.js';
import { isSecureOrLoopback } from '../shared/loopback.js';
import { sleep } from '../shared/retry.js';
import { OAuth } from './resources/oauth.js';
import { OAuthClients } from './resources/oauth-clients.js';
import { OAuthGrants } from './resources/oauth-grants.js';
import { WellKnown } from './resources/well-known.js';
import { requireInteger } from './validate.js';

export const DEFAULT_BASE_URL = 'https://api.telnyx.com';
export const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * The part of a `TelnyxAuth` session the API client uses (structural, so the sign-in runtime is never
 * imported here): a token source that can be forced to refresh, and the issuer it signed in with.
 */
export interface AccessTokenSource {
  getAccessToken(options?: { forceRefresh?: boolean }): Promise<string>;
  readonly issuer: string;
}

export interface ClientOptions {
  /** Telnyx API key (bearer). Defaults to `process.env.TELNYX_API_KEY` where a `process` exists. */
  apiKey?: string | null | undefined;
  /** An OAuth access token (bearer), or a function returning the current one. Wins over `apiKey`. */
  accessToken?: string | (() => string | Promise<string>) | null | undefined;
  /** A signed-in session: every call uses its access token and refreshes it once on `invalid_token`. */
  auth?: AccessTokenSource | undefined;
  /**
   * Host of the API: default `TELNYX_BASE_URL`, else the session's issuer, else `https://api.telnyx.com`.
   * A trailing `/v2` is accepted and dropped (discovery documents live at the host root). `http:` only
   * for loopback hosts, so a key never crosses a network in the clear.
   */
  baseURL?: string | null | undefined;
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number | undefined;
  /** Per-attempt timeout in ms. Default 60 000. */
  timeout?: number | undefined;
  /** Custom fetch (proxy, tests). Default: `globalThis.fetch` at call time. */
  fetch?: typeof fetch | undefined;
  /** Headers added to every request. */
  defaultHeaders?: Record<string, string> | undefined;
  /** The wait between retries; swap it to make retry tests instant. Must reject when `signal` aborts. */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
}

export class TelnyxOAuthAPI {
  readonly baseURL: string;
  readonly maxRetries: number;
  readonly timeout: number;

  readonly wellKnown: WellKnown;
  readonly oauth: OAuth;
  readonly oauthClients: OAuthClients;
  readonly oauthGrants: OAuthGrants;

  readonly #options: ClientOptions;

  constructor(options: ClientOptions = {}) {
    this.#options = { ...options };
    this.baseURL = normalizeBaseURL(options.baseURL ?? readEnv('TELNYX_BASE_URL') ?? options.auth?.issuer);
    this.maxRetries = requireInteger('maxRetries', options.maxRetries ?? DEFAULT_MAX_RETRIES, 0);
    this.timeout = requireInteger('timeout', options.timeout ?? DEFAULT_TIMEOUT_MS, 1);
    const customFetch = options.fetch;
    const transport = new Transport({
      baseURL: this.baseURL,
      maxRetries: this.maxRetries,
      timeout: this.timeout,
      // Resolved per call, so a fetch polyfilled or mocked after construction is used.
      fetch: customFetch ?? ((input, init) => globalThis.fetch(input, init)),
      credentials: credentialSource(options),
      sleep: options.sleep ?? sleep,
      defaultHeaders: { ...options.defaultHeaders },
    });
    this.wellKnown = new WellKnown(transport);
    this.oauth = new OAuth(transport);
    this.oauthClients = new OAuthClients(transport);
    this.oauthGrants = new OAuthGrants(transport);
  }

  /** A new client with some options changed (e.g. `api.withOptions({ timeout: 5_000 })`). */
  withOptions(options: ClientOptions): TelnyxOAuthAPI {
    return new TelnyxOAuthAPI({ ...this.#options, ...options });
  }
}

/** A client bound to a signed-in session: `createTelnyxOAuthAPI({ auth })`. */
export function createTelnyxOAuthAPI(options: ClientOptions & { auth: AccessTokenSource }): TelnyxOAuthAPI {
  if (!options || typeof options.auth?.getAccessToken !== 'function') {
    throw new ValidationError('auth', 'must be a TelnyxAuth (from createTelnyxAuth)');
  }
  return new TelnyxOAuthAPI(options);
}

function credentialSource(options: ClientOptions): CredentialSource {
  const { auth, accessToken } = options;
  if (auth) {
    return {
      field: 'auth',
      get: () => auth.getAccessToken(),
      refresh: () => auth.getAccessToken({ forceRefresh: true }),
    };
  }
  if (typeof accessToken === 'function') {
    return { field: 'accessToken', get: async () => (await accessToken()) || undefined };
  }
  if (accessToken) return { field: 'accessToken', get: async () => accessToken };
  const apiKey = options.apiKey || readEnv('TELNYX_API_KEY');
  return { field: 'apiKey', get: async () => apiKey || undefined };
}

/** `process.env[name]`, or undefined where there is no `process` (browsers, workers) or it throws. */
function readEnv(name: string): string | undefined {
  try {
    const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
    const value = env?.[name]?.trim();
    return value ? value : undefined;
  } catch {
    return undefined;
  }
}

function normalizeBaseURL(value: string | null | undefined): string {
  const raw = value ?? DEFAULT_BASE_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ValidationError('baseURL', `must be an absolute URL, got "${raw}"`);
  }
  if (!isSecureOrLoopback(url)) {
    throw new ValidationError('baseURL', 'must use https (http is allowed for loopback hosts only)');
  }
  if (url.search || url.hash) throw new ValidationError('baseURL', 'must not have a query or fragment');
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '').replace(/\/v2$/, '');
}
