/**
 * Defaults and validation of `createTelnyxAuth` options. Everything that depends on a browser global is
 * resolved here, at client creation, never at module load (SSR-safe imports).
 */
import type { AuthorizationServer } from 'oauth4webapi';
import { DEV, TelnyxAuthError } from './errors.js';
import { createRequest } from './http.js';
import { resolveLocks } from './locks.js';
import { DEFAULT_ISSUER } from './names.js';
import { isSecureOrLoopback } from './shared/loopback.js';
import { retryAfterMs } from './shared/retry.js';
import { guardStorage, resolveStorage } from './storage/adapter.js';
import { parseScope } from './token-set.js';
import { directTransport } from './transport.js';
import type {
  BroadcastChannelLike,
  EndpointOverrides,
  LockManagerLike,
  PopupSupport,
  StorageAdapter,
  TelnyxAuthOptions,
  Transport,
  TransportContext,
} from './types.js';

/** The numeric options and their defaults (ms, except `refreshLeeway` in seconds). */
const NUMBERS = {
  discoveryTtl: 24 * 3600_000,
  refreshLeeway: 60,
  transactionTtl: 600_000,
  lockTimeout: 10_000,
  maxRefreshRetries: 2,
  maxRetryDelay: 10_000,
  maxRetryAfter: 300_000,
  requestTimeout: 30_000,
};

/** Options with every default applied; also the context the transport gets. */
export interface ResolvedOptions extends TransportContext, Readonly<Record<keyof typeof NUMBERS, number>> {
  readonly redirectUri: string;
  readonly scope: readonly string[];
  /** Normalised issuer identifier (no trailing slash), compared verbatim with metadata `issuer` and RFC 9207 `iss`. */
  readonly issuer: string;
  /** The `metadata` option: a full document that replaces discovery. */
  readonly document: Record<string, unknown> | undefined;
  readonly endpoints: EndpointOverrides;
  readonly storage: Required<StorageAdapter>;
  /**
   * True when IndexedDB was the default but the runtime has none (some private modes): memory storage stands in
   * for the session, but cannot carry a login's PKCE verifier across its redirect.
   */
  readonly storageFallback: boolean;
  readonly authorizeParams: Readonly<Record<string, string>>;
  readonly locks: LockManagerLike;
  readonly broadcastChannel: ((name: string) => BroadcastChannelLike) | null;
  readonly window: Pick<Window, 'location' | 'history'> | null;
  readonly autoRefresh: boolean;
  readonly transport: Transport;
  /** Popup sign-in, when plugged in (`popupSupport()` from the `/popup` entry). */
  readonly popup: PopupSupport | undefined;
  /** Discovery, set by the client once it is wired (see client.ts). */
  metadata: () => Promise<AuthorizationServer>;
}

/** Parameters the library sets itself; an app overriding them would break PKCE, state or the redirect. */
const RESERVED = /^(client_id|redirect_uri|response_type|state|code_challenge(_method)?)$/;

/**
 * Extra authorize parameters (the `authorizeParams` option and a login's extras), one rule for both: strings,
 * numbers or booleans; undefined and null are left out; the protocol's own parameters are refused.
 */
export function authorizeParameters(extra: Record<string, unknown>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(extra)) {
    if (value == null) continue;
    if (RESERVED.test(name) || !/^(string|number|boolean)$/.test(typeof value))
      throw new TelnyxAuthError(
        'invalid_options',
        DEV && `Authorize parameter "${name}" is set by the library or is not a string, number or boolean.`,
      );
    result[name] = String(value);
  }
  return result;
}

/** `value` as an absolute URL, else `invalid_options` naming `what`. */
function absoluteUrl(value: unknown, what: string): URL {
  try {
    return new URL(value as string);
  } catch (cause) {
    throw new TelnyxAuthError('invalid_options', DEV && `${what} must be an absolute URL.`, { cause });
  }
}

/** https anywhere; http only on loopback (the dev server). Anything else is refused. */
export function checkEndpointUrl(value: unknown, what: string): URL {
  const url = absoluteUrl(value, what);
  if (!isSecureOrLoopback(url))
    throw new TelnyxAuthError(
      'insecure_issuer',
      DEV && `${what} must use https (plain http only for loopback hosts such as the dev server).`,
    );
  return url;
}

const invalid = (what: string | false): TelnyxAuthError => new TelnyxAuthError('invalid_options', what);

/** Every option but `metadata`: discovery needs the others, and the client wires it (client.ts). */
export function resolveOptions(options: TelnyxAuthOptions): Omit<ResolvedOptions, 'metadata'> {
  if (typeof options !== 'object' || !options)
    throw invalid(DEV && 'createTelnyxAuth needs an options object.');
  const { clientId, redirectUri, fetch: customFetch, storage } = options;
  if (typeof clientId !== 'string' || !clientId) throw invalid(DEV && 'clientId is required.');
  if (typeof redirectUri !== 'string') throw invalid(DEV && 'redirectUri is required.');
  absoluteUrl(redirectUri, 'redirectUri');
  if (customFetch !== undefined && typeof customFetch !== 'function')
    throw invalid(DEV && 'fetch must be a function.');

  const issuerUrl = checkEndpointUrl(options.issuer ?? DEFAULT_ISSUER, 'issuer');
  if (issuerUrl.search || issuerUrl.hash)
    throw invalid(DEV && 'issuer must not have a query or fragment (RFC 8414 §2).');
  let allowInsecureRequests = issuerUrl.protocol === 'http:';
  const endpoints: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.endpoints ?? {})) {
    if (value === undefined) continue;
    if (checkEndpointUrl(value, `endpoints.${name}`).protocol === 'http:') allowInsecureRequests = true;
    endpoints[name] = String(value);
  }

  const numbers = {} as Record<keyof typeof NUMBERS, number>;
  for (const [name, fallback] of Object.entries(NUMBERS) as Array<[keyof typeof NUMBERS, number]>) {
    const value = options[name] ?? fallback;
    if (typeof value !== 'number' || !(value >= 0) || value === Infinity)
      throw invalid(DEV && `${name} must be a non-negative number.`);
    numbers[name] = value;
  }
  const locks = resolveLocks(options.locks);
  return {
    ...numbers,
    refreshLeeway: numbers.refreshLeeway * 1000,
    clientId,
    redirectUri,
    scope: parseScope(options.scope),
    issuer: issuerUrl.href.replace(/\/$/, ''),
    document: options.metadata,
    endpoints,
    storage: guardStorage(resolveStorage(storage), locks),
    storageFallback: storage === undefined && typeof indexedDB === 'undefined',
    authorizeParams: authorizeParameters(options.authorizeParams ?? {}),
    locks,
    broadcastChannel:
      options.broadcastChannel !== undefined
        ? options.broadcastChannel
        : typeof BroadcastChannel === 'undefined'
          ? null
          : (name) => new BroadcastChannel(name),
    window: options.window !== undefined ? options.window : typeof window === 'undefined' ? null : window,
    autoRefresh: options.autoRefresh ?? typeof document !== 'undefined',
    transport: options.transport ?? directTransport,
    popup: options.popup,
    allowInsecureRequests,
    // Resolved at call time so tests and apps can swap globalThis.fetch after creating the client.
    request: createRequest((input, init) => (customFetch ?? fetch)(input, init), numbers.requestTimeout),
    retryAfter: (headers) => {
      const ms = retryAfterMs(headers);
      return ms === undefined ? ms : Math.min(ms, numbers.maxRetryAfter);
    },
  };
}
