/**
 * Defaults and validation of `createTelnyxAuth` options. Everything that depends on a browser global is
 * resolved here, at client creation, never at module load (SSR-safe imports).
 */
import { TelnyxAuthError } from './errors.js';
import { resolveLocks } from './locks.js';
import { DEFAULT_ISSUER } from './names.js';
import { isSecureOrLoopback } from './shared/loopback.js';
import { guardStorage, resolveStorage } from './storage/adapter.js';
import { parseScope } from './token-set.js';
import type {
  BroadcastChannelLike,
  EndpointOverrides,
  LockManagerLike,
  StorageAdapter,
  TelnyxAuthOptions,
} from './types.js';

export interface ResolvedOptions {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scope: readonly string[];
  /** Normalised issuer identifier (no trailing slash), compared verbatim with metadata `issuer` and RFC 9207 `iss`. */
  readonly issuer: string;
  readonly metadata: Record<string, unknown> | undefined;
  readonly endpoints: EndpointOverrides;
  readonly discoveryTtlMs: number;
  readonly storage: Required<StorageAdapter>;
  /**
   * True when IndexedDB was the default but the runtime has none (some private modes): memory storage stands in
   * for the session, but cannot carry a login's PKCE verifier across its redirect.
   */
  readonly storageFallback: boolean;
  readonly refreshLeewayMs: number;
  /** Resolved at call time so tests and apps can swap globalThis.fetch after creating the client. */
  readonly fetch: typeof fetch;
  readonly authorizeParams: Readonly<Record<string, string>>;
  readonly locks: LockManagerLike;
  readonly broadcastChannel: ((name: string) => BroadcastChannelLike) | null;
  readonly window: Pick<Window, 'location' | 'history'> | null;
  readonly autoRefresh: boolean;
  /** True when some endpoint is plain http on a loopback host (dev server); oauth4webapi needs to be told. */
  readonly allowInsecureLoopback: boolean;
  readonly transactionTtlMs: number;
  readonly lockTimeoutMs: number;
  readonly maxRefreshRetries: number;
  readonly maxRetryDelayMs: number;
  readonly maxRetryAfterMs: number;
  readonly requestTimeoutMs: number;
}

/** Parameters the library sets itself; an app overriding them would break PKCE, state or the redirect. */
export const RESERVED_AUTHORIZE_PARAMS = new Set([
  'client_id',
  'redirect_uri',
  'response_type',
  'state',
  'code_challenge',
  'code_challenge_method',
]);

/** https anywhere; http only on loopback (the dev server). Anything else is refused. */
export function checkEndpointUrl(value: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch (cause) {
    throw new TelnyxAuthError('invalid_options', `${what} is not an absolute URL.`, { cause });
  }
  if (isSecureOrLoopback(url)) return url;
  throw new TelnyxAuthError(
    'insecure_issuer',
    `${what} must use https (plain http is accepted only for loopback hosts such as the dev server).`,
  );
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new TelnyxAuthError('invalid_options', `${name} must be a non-negative number.`);
  }
  return value;
}

function defaultWindow(): Pick<Window, 'location' | 'history'> | null {
  return typeof window === 'undefined' ? null : window;
}

function defaultBroadcastChannel(): ((name: string) => BroadcastChannelLike) | null {
  return typeof BroadcastChannel === 'undefined' ? null : (name) => new BroadcastChannel(name);
}

export function resolveOptions(options: TelnyxAuthOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TelnyxAuthError('invalid_options', 'createTelnyxAuth needs an options object.');
  }
  if (typeof options.clientId !== 'string' || options.clientId.length === 0) {
    throw new TelnyxAuthError('invalid_options', 'clientId is required.');
  }
  if (typeof options.redirectUri !== 'string') {
    throw new TelnyxAuthError('invalid_options', 'redirectUri is required.');
  }
  try {
    new URL(options.redirectUri);
  } catch (cause) {
    throw new TelnyxAuthError('invalid_options', 'redirectUri must be an absolute URL.', { cause });
  }

  const issuerUrl = checkEndpointUrl(options.issuer ?? DEFAULT_ISSUER, 'issuer');
  if (issuerUrl.search || issuerUrl.hash) {
    throw new TelnyxAuthError('invalid_options', 'issuer must not have a query or fragment (RFC 8414 §2).');
  }
  const issuer = issuerUrl.href.replace(/\/$/, '');

  const endpoints: EndpointOverrides = { ...options.endpoints };
  let allowInsecureLoopback = issuerUrl.protocol === 'http:';
  for (const [name, value] of Object.entries(endpoints)) {
    if (value === undefined) continue;
    if (typeof value !== 'string')
      throw new TelnyxAuthError('invalid_options', `endpoints.${name} must be a string.`);
    if (checkEndpointUrl(value, `endpoints.${name}`).protocol === 'http:') allowInsecureLoopback = true;
  }

  const authorizeParams: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.authorizeParams ?? {})) {
    if (RESERVED_AUTHORIZE_PARAMS.has(name)) {
      throw new TelnyxAuthError(
        'invalid_options',
        `authorizeParams may not set "${name}"; the library sets it.`,
      );
    }
    if (typeof value !== 'string')
      throw new TelnyxAuthError('invalid_options', `authorizeParams.${name} must be a string.`);
    authorizeParams[name] = value;
  }

  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new TelnyxAuthError('invalid_options', 'fetch must be a function.');
  }
  const customFetch = options.fetch;
  const locks = resolveLocks(options.locks);

  return {
    clientId: options.clientId,
    redirectUri: options.redirectUri,
    scope: parseScope(options.scope),
    issuer,
    metadata: options.metadata,
    endpoints,
    discoveryTtlMs: positive(options.discoveryTtl, 24 * 60 * 60 * 1000, 'discoveryTtl'),
    storage: guardStorage(resolveStorage(options.storage), locks),
    storageFallback: options.storage === undefined && typeof globalThis.indexedDB === 'undefined',
    refreshLeewayMs: positive(options.refreshLeeway, 60, 'refreshLeeway') * 1000,
    fetch: customFetch ?? ((input, init) => globalThis.fetch(input, init)),
    authorizeParams,
    locks,
    broadcastChannel:
      options.broadcastChannel === undefined ? defaultBroadcastChannel() : options.broadcastChannel,
    window: options.window === undefined ? defaultWindow() : options.window,
    autoRefresh: options.autoRefresh ?? typeof document !== 'undefined',
    allowInsecureLoopback,
    transactionTtlMs: positive(options.transactionTtl, 10 * 60 * 1000, 'transactionTtl'),
    lockTimeoutMs: positive(options.lockTimeout, 10_000, 'lockTimeout'),
    maxRefreshRetries: positive(options.maxRefreshRetries, 2, 'maxRefreshRetries'),
    maxRetryDelayMs: positive(options.maxRetryDelay, 10_000, 'maxRetryDelay'),
    maxRetryAfterMs: positive(options.maxRetryAfter, 300_000, 'maxRetryAfter'),
    requestTimeoutMs: positive(options.requestTimeout, 30_000, 'requestTimeout'),
  };
}
