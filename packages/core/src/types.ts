/**
 * Public types of the sign-in path. This file is the contract between core and its bindings
 * (`@telnyx-oauth/react`, the demo, the API client's session binding): change it deliberately.
 */
import type { TelnyxAuthError } from './errors.js';

/** Every state a user of the library can observe. */
export type AuthStatus = 'loading' | 'authenticated' | 'unauthenticated' | 'refreshing' | 'error';

/** Why a session ended, when it did not end by the user's own `logout()`. */
export type SignOutReason =
  | 'logout' // this tab called logout()
  | 'remote_logout' // another tab signed out (BroadcastChannel)
  | 'refresh_rejected' // the server answered invalid_grant to a refresh (revoked, expired, reused)
  | 'expired' // access token expired and there is no refresh token
  | 'storage_cleared'; // the stored session disappeared underneath us

/**
 * An immutable snapshot of the session, for `useSyncExternalStore`.
 * A new object is created only when one of its fields changed, so identity comparison is enough.
 */
export interface AuthSnapshot {
  readonly status: AuthStatus;
  readonly isLoading: boolean;
  readonly isAuthenticated: boolean;
  /** Access token expiry, epoch milliseconds by the local clock at receipt; null when signed out. */
  readonly expiresAt: number | null;
  /** Granted scopes (from the token response, else the requested ones); empty when signed out. */
  readonly scope: readonly string[];
  /**
   * The last error: with status 'error' it is recoverable (network, 5xx, 429) and the session is kept;
   * with status 'unauthenticated' it explains why sign-in or the session failed.
   */
  readonly error: TelnyxAuthError | null;
  /** Set when the session ended other than by a sign-in never having happened. */
  readonly signOutReason: SignOutReason | null;
}

/** Key/value persistence. IndexedDB (idb-keyval) by default; memory or custom adapters plug in here. */
export interface StorageAdapter {
  get<T = unknown>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  /** Optional: keys starting with `prefix` (used to expire stale login transactions). */
  keys?(prefix: string): Promise<string[]>;
  /**
   * Optional, but what makes tabs safe with each other: an atomic read-modify-write of one key. Calls
   * `updater` with the stored value (undefined when there is none) and stores what it returns (`undefined`
   * deletes the key), with no other read or write of the key in between, in this tab or any other. `updater`
   * is synchronous and may be called more than once (use only its last call's decision). Rejects when the
   * storage fails (or with what `updater` threw; nothing is written then).
   *
   * The library uses it to consume a login transaction exactly once (two tabs opening one callback URL) and to
   * store a refresh's tokens only if the session was not replaced or ended meanwhile (compare-and-set).
   * IndexedDB storage runs it in one readwrite transaction, memory storage synchronously. An adapter without it
   * gets a fallback: the read and the write run under an exclusive Web Lock per key (`navigator.locks`), which
   * is atomic across tabs only for the library's own updates, and not across tabs in a browser without Web
   * Locks. Implement it if your storage can.
   */
  update?(key: string, updater: (current: unknown) => unknown): Promise<void>;
}

/** The subset of the Web Locks API the library uses; a stand-in can be injected (Node, tests, old browsers). */
export interface LockManagerLike {
  request<T>(
    name: string,
    options: { mode?: 'exclusive' | 'shared'; signal?: AbortSignal; ifAvailable?: boolean },
    callback: (lock: unknown) => Promise<T> | T,
  ): Promise<T>;
}

/** The subset of BroadcastChannel the library uses. */
export interface BroadcastChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  removeEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  close(): void;
}

/** RFC 8414 endpoints an app may override (e.g. a same-origin proxy for the token endpoint because of CORS). */
export interface EndpointOverrides {
  authorization_endpoint?: string;
  token_endpoint?: string;
  revocation_endpoint?: string;
  introspection_endpoint?: string;
}

export interface TelnyxAuthOptions {
  clientId: string;
  redirectUri: string;
  /** Space-separated or array; e.g. `['account_management.read']`. */
  scope?: string | readonly string[];
  /** Defaults to `https://api.telnyx.com`. `http:` is accepted only for loopback hosts (dev server). */
  issuer?: string;
  /** Skip discovery entirely with a full metadata document. */
  metadata?: Record<string, unknown>;
  /** Override single endpoints after discovery (token proxy for CORS, etc.). */
  endpoints?: EndpointOverrides;
  /** How long discovered metadata is reused, ms. Default 24 h. */
  discoveryTtl?: number;
  /**
   * Where the session and login transactions live: 'indexeddb' (default), 'memory', or an adapter. When the
   * default is used and the browser has no IndexedDB (some private modes), memory stands in for the session,
   * but `loginWithRedirect` and `buildAuthorizeUrl` fail with `storage_unavailable` before navigating: the PKCE
   * verifier could not survive the redirect. Passing 'memory' yourself opts out of that check.
   */
  storage?: 'indexeddb' | 'memory' | StorageAdapter;
  /** Refresh this many seconds before expiry. Default 60. */
  refreshLeeway?: number;
  /** Custom fetch (proxying, tests). Default globalThis.fetch at call time. */
  fetch?: typeof fetch;
  /** Extra parameters sent on every authorize request (e.g. `{ audience: '...' }`). */
  authorizeParams?: Record<string, string>;
  /** Web Locks stand-in; default `navigator.locks` when present, else an in-tab fallback (documented). */
  locks?: LockManagerLike | null;
  /** BroadcastChannel factory; default `new BroadcastChannel(name)` when present; null disables tab sync. */
  broadcastChannel?: ((name: string) => BroadcastChannelLike) | null;
  /** Location/history seam for callback URL cleanup and same-origin checks; default the window's. */
  window?: Pick<Window, 'location' | 'history'> | null;
  /** Proactive refresh timer before expiry, on by default in browsers. */
  autoRefresh?: boolean;
  /** How long an unfinished login (PKCE verifier + state) stays usable, ms. Default 10 min. */
  transactionTtl?: number;
  /** Give up waiting for the cross-tab refresh lock after this many ms (`lock_timeout`). Default 10 s. */
  lockTimeout?: number;
  /** Retries of a refresh after a network error, 5xx or 429 before surfacing `refresh_failed`. Default 2. */
  maxRefreshRetries?: number;
  /**
   * Longest wait inside one call, ms: a refresh retries after a backoff (or the server's Retry-After) only if it
   * is at most this long, so a caller of `getAccessToken()` is never held for minutes; a longer wait is left to
   * a later call or the background timer. Default 10 s.
   */
  maxRetryDelay?: number;
  /**
   * Longest time a server can stop this tab from refreshing, ms. A `Retry-After` (429, 503) or
   * `retry-after-ms` answer is honoured up to this long: until then refreshes fail fast with the last
   * `refresh_failed` and send nothing, and the background timer waits. A longer request (`Retry-After: 3600`,
   * or an HTTP date read against a slow device clock) is capped, so one answer cannot stop refreshes for an
   * hour. Default 5 min.
   *
   * @see RFC 9110 §10.2.3 (Retry-After)
   */
  maxRetryAfter?: number;
  /** Abort a token, discovery or revocation request after this many ms. Default 30 s. */
  requestTimeout?: number;
}

export interface LoginOptions {
  /** Same-origin path to return to after sign-in; anything else is refused. */
  returnTo?: string;
  /** Any structured-cloneable value, handed back by handleRedirectCallback. */
  appState?: unknown;
  scope?: string | readonly string[];
  prompt?: string;
  /** Extra authorize parameters for this request. */
  [extra: string]: unknown;
}

export interface RedirectResult<AppState = unknown> {
  /** Always a same-origin path ('/' when none or refused). */
  returnTo: string;
  appState: AppState | undefined;
}

export interface LogoutOptions {
  /** Revoke the refresh token at the server's revocation endpoint when it has one. Default true. */
  revoke?: boolean;
}

export interface GetAccessTokenOptions {
  /** Refresh even when the current token is still valid (e.g. a "Refresh now" button). */
  forceRefresh?: boolean;
}

export type AuthEvent =
  | { type: 'signed_in' }
  | { type: 'refreshed'; expiresAt: number }
  | { type: 'signed_out'; reason: SignOutReason }
  | { type: 'error'; error: TelnyxAuthError };

/** The client returned by `createTelnyxAuth`. */
export interface TelnyxAuth {
  /** Observable store: listeners are called after the snapshot changed. Returns an unsubscribe function. */
  subscribe(listener: () => void): () => void;
  getSnapshot(): AuthSnapshot;
  /** Snapshot for server rendering: always `loading`, touches no browser global. */
  getServerSnapshot(): AuthSnapshot;
  /** Resolves once the stored session was read (status no longer 'loading'). Starts loading if not yet started. */
  ready(): Promise<AuthSnapshot>;

  loginWithRedirect(options?: LoginOptions): Promise<void>;
  buildAuthorizeUrl(options?: LoginOptions): Promise<URL>;
  /** True when `url` (default location.href) carries `code`/`error` and `state` for this redirect URI. */
  isRedirectCallback(url?: string | URL): boolean;
  handleRedirectCallback<AppState = unknown>(url?: string | URL): Promise<RedirectResult<AppState>>;

  getAccessToken(options?: GetAccessTokenOptions): Promise<string>;
  logout(options?: LogoutOptions): Promise<void>;
  /** Authenticated fetch: adds the bearer token; on 401 invalid_token refreshes once and retries once. */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;

  on(listener: (event: AuthEvent) => void): () => void;
  /** Stops timers, listeners and channels. */
  destroy(): void;

  readonly clientId: string;
  readonly issuer: string;
}
