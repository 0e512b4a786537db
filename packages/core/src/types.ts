/**
 * Public types of the sign-in path. This file is the contract between core and its bindings
 * (`@telnyx-oauth/react`, the demo, the API client's session binding): change it deliberately.
 */
import type { AuthorizationServer } from 'oauth4webapi';
import type { TelnyxAuthError } from './errors.js';
import type { TokenSet } from './token-set.js';

/** Every state a user of the library can observe. */
export type AuthStatus = 'loading' | 'authenticated' | 'unauthenticated' | 'refreshing' | 'error';

/** Why a session ended. */
export type SignOutReason =
  | 'logout' // this tab called logout()
  | 'remote_logout' // another tab signed out (BroadcastChannel)
  | 'refresh_rejected' // the server answered invalid_grant to a refresh (revoked, expired, reused)
  | 'expired' // access token expired and the session cannot be renewed (no refresh token)
  | 'storage_cleared'; // the stored session disappeared underneath us (another tab signed out, site data cleared)

/**
 * What this page is in the middle of: `'redirecting'` once `loginWithRedirect` started (until the page leaves,
 * or comes back from the back/forward cache), `'popup'` while a `loginWithPopup` window is open (until it
 * reports, closes or times out), `'completing'` while `handleRedirectCallback` runs.
 */
export type PendingSignIn = 'redirecting' | 'popup' | 'completing';

/**
 * An immutable snapshot of the session, for `useSyncExternalStore`.
 * A new object is created only when one of its fields changed, so identity comparison is enough.
 */
export interface AuthSnapshot {
  /** Where the session stands (see the README's States). */
  readonly status: AuthStatus;
  /** `status === 'loading'`: the stored session has not been read yet (also the server snapshot). */
  readonly isLoading: boolean;
  /** True with a session: `authenticated`, `refreshing`, and `error` (a kept session). */
  readonly isAuthenticated: boolean;
  /** Access token expiry, epoch milliseconds by the local clock at receipt; null when signed out. */
  readonly expiresAt: number | null;
  /** Granted scopes (from the token response, else the requested ones); empty when signed out. */
  readonly scope: readonly string[];
  /**
   * The last error: with status 'error' it is recoverable (network, 5xx, 429) and the session is kept;
   * with status 'unauthenticated' it says why the last sign-in failed (null after a session merely ended).
   */
  readonly error: TelnyxAuthError | null;
  /** Why the session ended; null when none ended in this page (or a sign-in was attempted since). */
  readonly signOutReason: SignOutReason | null;
  /** A sign-in this page started and has not finished (guards wait instead of starting another). */
  readonly pending: PendingSignIn | null;
}

/** Key/value persistence. IndexedDB (idb-keyval) by default; memory or custom adapters plug in here. */
export interface StorageAdapter {
  /** The value stored under `key` (a structured clone), or undefined. */
  get<T = unknown>(key: string): Promise<T | undefined>;
  /** Stores a structured-cloneable value under `key`. */
  set(key: string, value: unknown): Promise<void>;
  /** Deletes `key` (no error when it does not exist). */
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
  /**
   * Runs `callback` holding the lock `name` (exclusive); rejects with `signal`'s reason if it aborts while
   * waiting; with `ifAvailable`, calls `callback(null)` at once when the lock is held.
   * @see https://w3c.github.io/web-locks/#api-lock-manager-request
   */
  request<T>(
    name: string,
    options: { mode?: 'exclusive' | 'shared'; signal?: AbortSignal; ifAvailable?: boolean },
    callback: (lock: unknown) => Promise<T> | T,
  ): Promise<T>;
}

/** The subset of BroadcastChannel the library uses. */
export interface BroadcastChannelLike {
  /** Sends a structured-cloneable message to the other channels of this name. */
  postMessage(message: unknown): void;
  /** Listens for messages from the other channels of this name. */
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  /** Stops listening. */
  removeEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  /** Closes the channel. */
  close(): void;
}

/** RFC 8414 endpoints an app may override (e.g. a same-origin proxy for the token endpoint because of CORS). */
export interface EndpointOverrides {
  /** Where `loginWithRedirect` sends the user (RFC 6749 §3.1). */
  authorization_endpoint?: string;
  /** Where codes are exchanged and tokens refreshed (RFC 6749 §3.2). */
  token_endpoint?: string;
  /** Where `logout` revokes the refresh token (RFC 7009 §2). */
  revocation_endpoint?: string;
  /** Token introspection (RFC 7662); not used by the sign-in runtime. */
  introspection_endpoint?: string;
}

/** The options of `createTelnyxAuth` (and of `<TelnyxAuthProvider>`). */
export interface TelnyxAuthOptions {
  /** The OAuth client id (a public client: no secret in the browser). */
  clientId: string;
  /** The redirect URI, registered exactly with the client (RFC 6749 §3.1.2). */
  redirectUri: string;
  /** Space-separated or array; e.g. `['account_management.read']`. */
  scope?: string | readonly string[];
  /** Defaults to `https://api.telnyx.com`. `http:` is accepted only for loopback hosts (dev server). */
  issuer?: string;
  /** Skip discovery entirely with a full metadata document. */
  metadata?: Record<string, unknown>;
  /** Override single endpoints after discovery (token proxy for CORS, etc.). */
  endpoints?: EndpointOverrides;
  /**
   * Where the code exchange, refreshes and logout go. Default: the authorization server, directly.
   * `tokenHandler()` from `@telnyx-oauth/core/token-handler` sends them to `@telnyx-oauth/token-handler`,
   * which keeps the refresh token in an HttpOnly cookie.
   */
  transport?: Transport;
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
  /**
   * On by default in browsers: renew the access token before it expires (a timer, rechecked when the page
   * becomes visible and when the network comes back), and end a session that cannot be renewed when its
   * token expires (`signOutReason: 'expired'`). Off: nothing happens by itself; `getAccessToken` still
   * refreshes (or ends the session) when called.
   */
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
  /**
   * Popup sign-in (`loginWithPopup`): `popupSupport()` from `@telnyx-oauth/core/popup`. Its own entry, so an
   * app that only redirects does not bundle it; without it `loginWithPopup` rejects with `invalid_options`.
   */
  popup?: PopupSupport;
}

/**
 * Options of `loginWithRedirect`, `loginWithPopup` and `buildAuthorizeUrl`. What is asked for is the union of
 * `scope` (else the client's) and the scopes the session already holds, so a new grant never loses one.
 */
export interface LoginOptions {
  /**
   * Same-origin path to return to after sign-in; anything else is refused (`invalid_return_to`). Default: the
   * current pathname + search + hash (`/` without a window).
   */
  returnTo?: string;
  /** Any structured-cloneable value, handed back by handleRedirectCallback. */
  appState?: unknown;
  /**
   * Scopes for this sign-in instead of the client's `scope` (RFC 6749 §3.3), added to those the session
   * already holds (incremental consent).
   */
  scope?: string | readonly string[];
  /** The OpenID Connect / OAuth `prompt` parameter (e.g. `'consent'`). */
  prompt?: string;
  /** Extra authorize parameters for this request (strings, numbers or booleans). */
  [extra: string]: unknown;
}

/** What `handleRedirectCallback` resolves to. */
export interface RedirectResult<AppState = unknown> {
  /** Always a same-origin path ('/' when none or refused). */
  returnTo: string;
  /** The `appState` given to `loginWithRedirect`. */
  appState: AppState | undefined;
  /**
   * True when this response belongs to a `loginWithPopup` window: the outcome, success or failure, was
   * reported to the page that opened it (it is not thrown here). Close the window; do not render the app.
   * Undefined for any other response.
   */
  popup?: true | undefined;
}

/** Options of `loginWithPopup`: those of `loginWithRedirect`, and what to do when the window cannot open. */
export interface PopupLoginOptions extends LoginOptions {
  /**
   * When the browser blocks the window (`popup_blocked`), sign in with a redirect instead
   * (`loginWithRedirect` with the same options). Default false: reject with `popup_blocked`.
   */
  redirectIfBlocked?: boolean;
  /** Give up after this many ms (`popup_timeout`). Default: the `timeout` of `popupSupport()`. */
  popupTimeout?: number;
}

/**
 * What `createTelnyxAuth` gives popup support (`popupSupport()` from `@telnyx-oauth/core/popup`) to run one
 * popup sign-in: the client, and the few parts of its session state a popup needs. A contract between core
 * and its popup entry; apps do not call it.
 */
export interface PopupContext {
  /** The client the popup signs in. */
  readonly auth: TelnyxAuth;
  /** The client's BroadcastChannel factory (null: none), for the channel the popup reports on. */
  readonly broadcastChannel: ((name: string) => BroadcastChannelLike) | null;
  /** Creates a login transaction marked as a popup's and returns its authorization request URL. */
  authorizeUrl(options: LoginOptions): Promise<URL>;
  /** Shows `pending: 'popup'` (true) or clears it (false). */
  pending(on: boolean): void;
  /** Re-reads the stored session and adopts it (another window stored a new one). */
  settle(): Promise<unknown>;
  /** Shows a failed sign-in in the snapshot (without a session only), emits it as an event, and throws it. */
  fail(cause: unknown): never;
  /** Deletes the login transaction for `state` (unless an exchange took it): a late answer then signs no one in. */
  abandon(state: string): Promise<void>;
}

/** Popup sign-in, plugged into a client with the `popup` option (see `popupSupport()`). */
export interface PopupSupport {
  /**
   * Runs one popup sign-in for `context`. Must open the window before its first `await` (browsers allow
   * `window.open` only within the user's click).
   */
  login(context: PopupContext, options?: PopupLoginOptions): Promise<void>;
}

/** Options of `logout`. */
export interface LogoutOptions {
  /**
   * Revoke the refresh token at the server's revocation endpoint when it has one (RFC 7009). Default true.
   * Through a token handler, `/logout` is always called (it clears the HttpOnly cookie and revokes).
   */
  revoke?: boolean;
}

/** Options of `getAccessToken`. */
export interface GetAccessTokenOptions {
  /** Refresh even when the current token is still valid (e.g. a "Refresh now" button). */
  forceRefresh?: boolean;
  /**
   * With `forceRefresh`: the access token a resource server just refused (401 `invalid_token`, RFC 6750 §3.1).
   * The session refreshes only while it still holds that token; a newer one (another caller refreshed
   * meanwhile) is returned as it is, so one rejection never rotates the refresh token twice.
   */
  rejected?: string;
  /**
   * Scopes the caller needs: when the session lacks one, reject with `insufficient_scope` (its `scopes` name
   * the missing ones) instead of handing out a token the API would refuse.
   */
  scope?: string | readonly string[];
}

/** A session event, for `on(listener)`. */
export type AuthEvent =
  | {
      /** A session started: signed in here, or adopted from another tab. */
      type: 'signed_in';
    }
  | {
      /** The access token was renewed (here or by another tab). */
      type: 'refreshed';
      /** The new token's expiry, epoch ms by the local clock. */
      expiresAt: number;
    }
  | {
      /** The session ended. */
      type: 'signed_out';
      /** Why it ended. */
      reason: SignOutReason;
    }
  | {
      /** Something failed (also failures that did not change the snapshot, e.g. a failed revocation). */
      type: 'error';
      /** What failed. */
      error: TelnyxAuthError;
    };

/** A successful token response (RFC 6749 §5.1), as a transport hands it to the session. */
export interface TokenResponse {
  /** The access token. */
  readonly access_token: string;
  /** `bearer` (lower case). */
  readonly token_type: string;
  /** Seconds until the access token expires, counted from receipt. */
  readonly expires_in?: number;
  /** A (rotated) refresh token; absent keeps the previous one. */
  readonly refresh_token?: string;
  /** The granted scope, space separated; absent keeps the previous one. */
  readonly scope?: string;
  /** A token handler's `refresh` flag: it holds a refresh token for this session. */
  readonly refresh?: boolean;
}

/** What a {@link Transport} gets from the client it serves. */
export interface TransportContext {
  /** The client id. */
  readonly clientId: string;
  /** The redirect URI; relative transport URLs resolve against it (the app's origin). */
  readonly redirectUri: string;
  /** True when the issuer or an endpoint is plain http on a loopback host (the dev server). */
  readonly allowInsecureRequests: boolean;
  /**
   * The `fetch` option (else the global fetch at call time) with the `requestTimeout` deadline on every
   * request, body included (read before this resolves). `keepalive` lets a request outlive the page.
   */
  request(url: string | URL, init: RequestInit): Promise<Response>;
  /** The authorization server metadata (RFC 8414), discovered once and cached, `endpoints` applied. */
  metadata(): Promise<AuthorizationServer>;
  /** The wait a server asked for (`Retry-After`, `retry-after-ms`) in ms, capped by `maxRetryAfter`. */
  retryAfter(headers: Headers): number | undefined;
}

/**
 * Where a session's token calls go: the code exchange, refreshes and logout. Discovery, the authorize
 * redirect, PKCE, `state` and `iss` always stay in the browser. The default sends the calls to the
 * authorization server directly; `tokenHandler()` from `@telnyx-oauth/core/token-handler` sends them to a
 * token-mediating backend. Every method rejects only with a {@link TelnyxAuthError}.
 */
export interface Transport {
  /**
   * Exchanges the code of a validated authorization response for tokens, with the PKCE verifier and the
   * redirect URI the authorization request named.
   * Rejects with `code_exchange_failed`, `network_error` (no answer), `invalid_response` or `invalid_options`.
   * @see RFC 6749 §4.1.3; RFC 7636 §4.5
   */
  exchange(
    context: TransportContext,
    response: URLSearchParams,
    codeVerifier: string,
    redirectUri: string,
  ): Promise<TokenResponse>;
  /**
   * Renews the session. Rejects with `refresh_rejected` when the grant is gone (the session ends), else
   * with a recoverable `refresh_failed` (with `retryAfterMs` when the server asked for a wait) or
   * `invalid_response`; an `invalid_options` for a misconfiguration.
   * @see RFC 6749 §6
   */
  refresh(context: TransportContext, tokens: TokenSet): Promise<TokenResponse>;
  /**
   * Ends the session at the server, best effort, after the browser already forgot it: `tokens` is what
   * storage held (null when nothing), `revoke` the `logout` option. Rejects with what to report as an event.
   * @see RFC 7009 §2
   */
  logout(context: TransportContext, tokens: TokenSet | null, revoke: boolean): Promise<void>;
}

/** The client returned by `createTelnyxAuth`. */
export interface TelnyxAuth {
  /** Observable store: listeners are called after the snapshot changed. Returns an unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** The current snapshot (same object until something changed). */
  getSnapshot(): AuthSnapshot;
  /** Snapshot for server rendering: always `loading`, touches no browser global. */
  getServerSnapshot(): AuthSnapshot;
  /** Resolves once the stored session was read (status no longer 'loading'). Starts loading if not yet started. */
  ready(): Promise<AuthSnapshot>;

  /**
   * Sends the user to the authorization server (`buildAuthorizeUrl` + `location.assign`). While one redirect
   * is under way (`pending: 'redirecting'`), another call does nothing. Rejects (and shows the error in the
   * snapshot when signed out) with `invalid_options`, `invalid_return_to`, `discovery_failed`,
   * `storage_unavailable` or `storage_error`.
   * @see RFC 6749 §4.1.1; RFC 7636 §4.3
   */
  loginWithRedirect(options?: LoginOptions): Promise<void>;
  /**
   * Signs in in a popup window, without leaving the page: opens the window at once (call it from a click
   * handler: nothing is awaited before `window.open`), then sends it to the authorization server with PKCE and
   * `state`. The window lands on the redirect URI (same origin), completes the sign-in there and reports on a
   * BroadcastChannel named for its `state`; this page adopts the new session from storage. Needs the `popup`
   * option (`popupSupport()` from `@telnyx-oauth/core/popup`), else rejects with `invalid_options`. The
   * current session is untouched until the new tokens arrive. Rejects with `popup_blocked`, `popup_closed`,
   * `popup_timeout`, `popup_in_progress` (another is open: it is focused), `authorization_denied`,
   * `insufficient_scope` (the server granted less than asked), and what `loginWithRedirect` rejects with.
   * @see RFC 6749 §4.1; RFC 7636
   */
  loginWithPopup(options?: PopupLoginOptions): Promise<void>;
  /**
   * Creates a login transaction (PKCE S256 verifier, random single-use state, returnTo, appState) and returns
   * the authorization request URL, without navigating. Rejects like `loginWithRedirect`.
   * @see RFC 6749 §4.1.1; RFC 7636 §4.3
   */
  buildAuthorizeUrl(options?: LoginOptions): Promise<URL>;
  /** True when `url` (default location.href) carries `code`/`error` and `state` for this redirect URI. */
  isRedirectCallback(url?: string | URL): boolean;
  /**
   * Completes a sign-in: validates the authorization response (state, RFC 9207 `iss`, `error`), exchanges
   * the code once and removes the response from the address bar. Idempotent per response: another call for
   * the same URL (StrictMode, a remount, Back) gets the same promise and sends nothing. Rejects with
   * `not_a_callback`, `missing_state`, `unknown_state`, `issuer_mismatch`, `authorization_denied`,
   * `authorization_error`, `code_exchange_failed`, `network_error` or `invalid_response`.
   * @see RFC 6749 §4.1.2; RFC 9207 §2.4; RFC 9700 §4.5
   */
  handleRedirectCallback<AppState = unknown>(url?: string | URL): Promise<RedirectResult<AppState>>;

  /**
   * A valid access token, refreshed when within the leeway of expiry (once across tabs). Rejects with
   * `login_required` (no session), `insufficient_scope` (the session lacks a scope of `options.scope`),
   * `refresh_rejected` (the session ended), or, when the current token has already expired, the recoverable
   * `refresh_failed` / `lock_timeout`.
   * @see RFC 6749 §6
   */
  getAccessToken(options?: GetAccessTokenOptions): Promise<string>;
  /** True when the session holds every scope of `scope` (a space-separated string or an array). */
  hasScope(scope: string | readonly string[]): boolean;
  /**
   * The authorization server's metadata (RFC 8414) as this client uses it: validated (its `issuer` is this
   * client's), with the `endpoints` overrides applied, from the client's own discovery (memory, then the
   * storage cache within `discoveryTtl`, then the network; the `metadata` option when given). Read it for
   * what a server offers beyond sign-in, e.g. its `introspection_endpoint`, without a second request.
   * The object is frozen and shared: copy it to change it. Does not touch the session or the snapshot.
   * Rejects with `discovery_failed` (`recoverable` when the network or a 5xx failed; a stale cached copy is
   * used offline) or `invalid_options` (an unusable `metadata` option).
   * @see RFC 8414 §3
   */
  getServerMetadata(): Promise<AuthorizationServer>;
  /**
   * Signs out in every tab at once, then ends the session at the server (revocation, or the token handler's
   * `/logout`) and resolves after its answer. Never rejects for the server's sake: failures are `error` events.
   * @see RFC 7009
   */
  logout(options?: LogoutOptions): Promise<void>;

  /** Session events: `signed_in`, `refreshed`, `signed_out` (with the reason), `error`. Returns an unsubscribe. */
  on(listener: (event: AuthEvent) => void): () => void;
  /** Stops timers, listeners and channels. */
  destroy(): void;

  /** The configured client id. */
  readonly clientId: string;
  /** The issuer identifier, normalised (no trailing slash). */
  readonly issuer: string;
}
