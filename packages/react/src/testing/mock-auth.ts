import {
  createSnapshotStore,
  DEFAULT_ISSUER,
  LOADING_SNAPSHOT,
  missingScopes,
  parseScope,
  TelnyxAuthError,
  type AuthEvent,
  type AuthSnapshot,
  type GetAccessTokenOptions,
  type LoginOptions,
  type LogoutOptions,
  type PopupLoginOptions,
  type RedirectResult,
  type TelnyxAuth,
} from '@telnyx-oauth/core';
import { DEFAULT_MOCK_ACCESS_TOKEN, mockAuthState, type MockAuthState } from './mock-auth-state.js';

/** The options of {@link createMockTelnyxAuth}. */
export interface MockTelnyxAuthOptions {
  /** `clientId` of the mock. Default: `'mock-client-id'`. */
  clientId?: string;
  /** `issuer` of the mock. Default: `https://api.telnyx.com`. */
  issuer?: string;
  /** What `handleRedirectCallback` does: resolve with this result (and sign in) or reject with this error. */
  callback?: RedirectResult | TelnyxAuthError;
  /** When set, `loginWithRedirect` fails with it (e.g. discovery_failed), as core does: shown in the state. */
  loginError?: TelnyxAuthError;
  /**
   * What `getServerMetadata` resolves to (frozen), or the error it rejects with. Default: the `issuer` with
   * an `authorization_endpoint` and a `token_endpoint` under it.
   */
  metadata?: Record<string, unknown> | TelnyxAuthError;
  /**
   * When set, `loginWithPopup` fails with it (`popup_closed`, `popup_blocked`, `authorization_denied`...) and
   * the session stays as it was, as core does. Otherwise it signs in with the scopes asked for added.
   */
  popupError?: TelnyxAuthError;
}

/** Every call the code under test made, in order, with its arguments. */
export interface MockTelnyxAuthCalls {
  /** The options of each `loginWithRedirect` call. */
  loginWithRedirect: LoginOptions[];
  /** The options of each `loginWithPopup` call. */
  loginWithPopup: PopupLoginOptions[];
  /** The options of each `buildAuthorizeUrl` call. */
  buildAuthorizeUrl: LoginOptions[];
  /** The URL of each `handleRedirectCallback` call. */
  handleRedirectCallback: string[];
  /** The options of each `getAccessToken` call. */
  getAccessToken: GetAccessTokenOptions[];
  /** The options of each `logout` call. */
  logout: LogoutOptions[];
}

/** A `TelnyxAuth` for tests, with what the code under test asked of it and a way to move its state. */
export interface MockTelnyxAuth extends TelnyxAuth {
  /** Every call, with its arguments. */
  readonly calls: MockTelnyxAuthCalls;
  /** The current state, including the access token. */
  getState(): MockAuthState;
  /**
   * Moves the session to another state, as a real session would (wrap in `act()` in component tests).
   * Emits the matching event: signed_in, refreshed (new expiresAt), signed_out (with the reason) or error.
   */
  setState(next: MockAuthState | ((current: MockAuthState) => MockAuthState)): void;
  /** Emits an event to `on()` listeners without changing state. */
  emit(event: AuthEvent): void;
  /** True after `destroy()`. */
  readonly destroyed: boolean;
}

function eventFor(previous: MockAuthState, next: MockAuthState): AuthEvent | null {
  if (!previous.isAuthenticated && next.isAuthenticated) return { type: 'signed_in' };
  if (previous.isAuthenticated && !next.isAuthenticated)
    return { type: 'signed_out', reason: next.signOutReason ?? 'logout' };
  if (next.error && next.error !== previous.error) return { type: 'error', error: next.error };
  if (next.isAuthenticated && next.expiresAt !== null && next.expiresAt !== previous.expiresAt)
    return { type: 'refreshed', expiresAt: next.expiresAt };
  return null;
}

/**
 * A TelnyxAuth for tests of app components: no server, no storage, no timers. Its snapshots come from core's
 * own store (`createSnapshotStore`), so identity and notifications behave exactly as a real client's. It
 * records every call in `calls` (no spy library needed) and behaves like a session would: logout signs out,
 * a sign-in shows as `pending: 'redirecting'`, a popup sign-in as `pending: 'popup'` and then adds the scopes
 * it asked for (or fails with `popupError`, keeping the session), a successful callback signs in,
 * getAccessToken rejects with login_required when signed out and with insufficient_scope for a scope the
 * state does not hold. `createAuthFetch(mock, { fetch })` adds its token to requests.
 */
export function createMockTelnyxAuth(
  initial: MockAuthState = mockAuthState.unauthenticated(),
  options: MockTelnyxAuthOptions = {},
): MockTelnyxAuth {
  let state = initial;
  let destroyed = false;
  const store = createSnapshotStore();
  const listeners = new Set<(event: AuthEvent) => void>();
  const calls: MockTelnyxAuthCalls = {
    loginWithRedirect: [],
    loginWithPopup: [],
    buildAuthorizeUrl: [],
    handleRedirectCallback: [],
    getAccessToken: [],
    logout: [],
  };
  const { issuer = DEFAULT_ISSUER, clientId = 'mock-client-id', loginError, popupError } = options;
  const show = ({ status, expiresAt, scope, error, signOutReason, pending }: MockAuthState): void =>
    store.update({ status, expiresAt, scope, error, signOutReason, pending });
  show(initial);

  const emit = (event: AuthEvent): void => {
    for (const listener of [...listeners]) listener(event);
  };
  const setState: MockTelnyxAuth['setState'] = (next) => {
    const previous = state;
    state = typeof next === 'function' ? next(previous) : next;
    show(state);
    const event = eventFor(previous, state);
    if (event) emit(event);
  };
  const isCallback = (url: string | URL): boolean => {
    const params = new URL(String(url), 'http://localhost').searchParams;
    return params.has('state') && (params.has('code') || params.has('error'));
  };
  const failSignIn = (error: TelnyxAuthError): never => {
    setState((current) =>
      current.isAuthenticated ? { ...current, pending: null } : { ...mockAuthState.unauthenticated(), error },
    );
    throw error;
  };

  const mock: MockTelnyxAuth = {
    calls,
    clientId,
    issuer,
    get destroyed() {
      return destroyed;
    },
    getState: () => state,
    setState,
    emit,
    subscribe: store.subscribe,
    getSnapshot: store.get,
    getServerSnapshot: () => LOADING_SNAPSHOT,
    ready: () =>
      new Promise<AuthSnapshot>((resolve) => {
        const check = (): boolean => store.get().status !== 'loading' && (resolve(store.get()), true);
        if (!check()) {
          const unsubscribe = store.subscribe(() => check() && unsubscribe());
        }
      }),
    async loginWithRedirect(login = {}) {
      calls.loginWithRedirect.push(login);
      if (loginError) failSignIn(loginError);
      setState((current) => ({ ...current, pending: 'redirecting' }));
    },
    async loginWithPopup(login = {}) {
      calls.loginWithPopup.push(login);
      setState((current) => ({ ...current, pending: 'popup' }));
      await Promise.resolve(); // the window is open for a moment, as with core
      if (popupError) failSignIn(popupError);
      setState((current) => {
        const session = current.isAuthenticated ? current : mockAuthState.authenticated();
        const asked = login.scope === undefined ? [] : parseScope(login.scope);
        return { ...session, scope: [...new Set([...asked, ...session.scope])], pending: null };
      });
    },
    async buildAuthorizeUrl(login = {}) {
      calls.buildAuthorizeUrl.push(login);
      const url = new URL('/oauth/authorize', issuer);
      url.searchParams.set('client_id', clientId);
      url.searchParams.set('response_type', 'code');
      if (login.scope !== undefined)
        url.searchParams.set('scope', typeof login.scope === 'string' ? login.scope : login.scope.join(' '));
      return url;
    },
    isRedirectCallback: (url = globalThis.location?.href ?? '') => isCallback(url),
    async handleRedirectCallback<AppState>(url: string | URL = globalThis.location?.href ?? '') {
      calls.handleRedirectCallback.push(String(url));
      if (!isCallback(url))
        throw new TelnyxAuthError('not_a_callback', 'Not an authorization response (mock).');
      setState((current) => ({ ...current, pending: 'completing' }));
      await Promise.resolve(); // guards see the callback completing, as with core
      const outcome = options.callback ?? { returnTo: '/', appState: undefined };
      if (outcome instanceof TelnyxAuthError) failSignIn(outcome);
      setState((current) => ({
        ...(current.isAuthenticated ? current : mockAuthState.authenticated()),
        pending: null,
      }));
      return outcome as RedirectResult<AppState>;
    },
    async getAccessToken(tokenOptions = {}) {
      calls.getAccessToken.push(tokenOptions);
      if (!state.isAuthenticated)
        throw state.error ?? new TelnyxAuthError('login_required', 'Not signed in (mock).');
      const scopes = missingScopes(state.scope, tokenOptions.scope);
      if (scopes.length)
        throw new TelnyxAuthError('insufficient_scope', `Missing ${scopes.join(' ')} (mock).`, { scopes });
      return state.accessToken ?? DEFAULT_MOCK_ACCESS_TOKEN;
    },
    async getServerMetadata() {
      const { metadata = {} } = options;
      if (metadata instanceof TelnyxAuthError) throw metadata;
      return Object.freeze({
        issuer,
        authorization_endpoint: `${issuer}/oauth/authorize`,
        token_endpoint: `${issuer}/oauth/token`,
        ...metadata,
      });
    },
    hasScope: (scope) => missingScopes(store.get().scope, scope).length === 0,
    async logout(logoutOptions = {}) {
      calls.logout.push(logoutOptions);
      setState(mockAuthState.unauthenticated('logout'));
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy() {
      destroyed = true;
      listeners.clear();
    },
  };
  return mock;
}
