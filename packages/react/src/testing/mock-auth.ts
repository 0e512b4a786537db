import {
  DEFAULT_ISSUER,
  TelnyxAuthError,
  type AuthEvent,
  type AuthSnapshot,
  type GetAccessTokenOptions,
  type LoginOptions,
  type LogoutOptions,
  type RedirectResult,
  type TelnyxAuth,
} from '@telnyx-oauth/core';
import { DEFAULT_MOCK_ACCESS_TOKEN, mockAuthState, type MockAuthState } from './mock-auth-state.js';

export interface MockTelnyxAuthOptions {
  clientId?: string;
  issuer?: string;
  /** What `handleRedirectCallback` does: resolve with this result (and sign in) or reject with this error. */
  callback?: RedirectResult | TelnyxAuthError;
  /** When set, `loginWithRedirect` rejects with it (e.g. discovery_failed). */
  loginError?: TelnyxAuthError;
  /** Where `fetch` sends requests after adding the bearer token. Default: globalThis.fetch (works with MSW). */
  fetch?: typeof fetch;
}

/** Every call the code under test made, in order, with its arguments. */
export interface MockTelnyxAuthCalls {
  loginWithRedirect: LoginOptions[];
  buildAuthorizeUrl: LoginOptions[];
  handleRedirectCallback: string[];
  getAccessToken: GetAccessTokenOptions[];
  logout: LogoutOptions[];
  fetch: Array<{ input: RequestInfo | URL; init: RequestInit | undefined }>;
}

export interface MockTelnyxAuth extends TelnyxAuth {
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
  readonly destroyed: boolean;
}

const SERVER_SNAPSHOT: AuthSnapshot = Object.freeze({ ...snapshotOf(mockAuthState.loading()) });

function snapshotOf(state: MockAuthState): AuthSnapshot {
  const { accessToken: _accessToken, ...snapshot } = state;
  return Object.freeze(snapshot);
}

function sameSnapshot(a: AuthSnapshot, b: AuthSnapshot): boolean {
  return (Object.keys(a) as Array<keyof AuthSnapshot>).every((key) =>
    key === 'scope' ? a.scope.join(' ') === b.scope.join(' ') : Object.is(a[key], b[key]),
  );
}

function eventFor(previous: MockAuthState, next: MockAuthState): AuthEvent | null {
  if (!previous.isAuthenticated && next.isAuthenticated) return { type: 'signed_in' };
  if (previous.isAuthenticated && !next.isAuthenticated) {
    return { type: 'signed_out', reason: next.signOutReason ?? 'logout' };
  }
  if (next.error !== null && next.error !== previous.error) return { type: 'error', error: next.error };
  if (next.isAuthenticated && next.expiresAt !== null && next.expiresAt !== previous.expiresAt) {
    return { type: 'refreshed', expiresAt: next.expiresAt };
  }
  return null;
}

/**
 * A TelnyxAuth for tests of app components: no server, no storage, no timers. It records every call in
 * `calls` (no spy library needed) and behaves like a session would: logout signs out, a successful
 * callback signs in, getAccessToken rejects with login_required when signed out.
 */
export function createMockTelnyxAuth(
  initial: MockAuthState = mockAuthState.unauthenticated(),
  options: MockTelnyxAuthOptions = {},
): MockTelnyxAuth {
  let state = initial;
  let snapshot = snapshotOf(initial);
  let destroyed = false;
  const listeners = new Set<() => void>();
  const eventListeners = new Set<(event: AuthEvent) => void>();
  const calls: MockTelnyxAuthCalls = {
    loginWithRedirect: [],
    buildAuthorizeUrl: [],
    handleRedirectCallback: [],
    getAccessToken: [],
    logout: [],
    fetch: [],
  };
  const issuer = options.issuer ?? DEFAULT_ISSUER;
  const clientId = options.clientId ?? 'mock-client-id';

  const emit = (event: AuthEvent): void => {
    for (const listener of [...eventListeners]) listener(event);
  };

  const setState: MockTelnyxAuth['setState'] = (next) => {
    const previous = state;
    state = typeof next === 'function' ? next(previous) : next;
    const nextSnapshot = snapshotOf(state);
    if (!sameSnapshot(snapshot, nextSnapshot)) {
      snapshot = nextSnapshot;
      for (const listener of [...listeners]) listener();
    }
    const event = eventFor(previous, state);
    if (event !== null) emit(event);
  };

  const ready = (): Promise<AuthSnapshot> =>
    new Promise((resolve) => {
      if (snapshot.status !== 'loading') return resolve(snapshot);
      const unsubscribe = mock.subscribe(() => {
        if (snapshot.status === 'loading') return;
        unsubscribe();
        resolve(snapshot);
      });
    });

  const authorizeUrl = (login: LoginOptions = {}): URL => {
    const url = new URL('/oauth/authorize', issuer);
    url.searchParams.set('client_id', clientId);
    url.searchParams.set('response_type', 'code');
    const scope = login.scope;
    if (scope !== undefined)
      url.searchParams.set('scope', typeof scope === 'string' ? scope : scope.join(' '));
    return url;
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
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    getServerSnapshot: () => SERVER_SNAPSHOT,
    ready,
    async loginWithRedirect(login = {}) {
      calls.loginWithRedirect.push(login);
      if (options.loginError) throw options.loginError;
    },
    async buildAuthorizeUrl(login = {}) {
      calls.buildAuthorizeUrl.push(login);
      return authorizeUrl(login);
    },
    isRedirectCallback(url = globalThis.location?.href ?? '') {
      const params = new URL(String(url), 'http://localhost').searchParams;
      return params.has('state') && (params.has('code') || params.has('error'));
    },
    async handleRedirectCallback<AppState>(url: string | URL = globalThis.location?.href ?? '') {
      calls.handleRedirectCallback.push(String(url));
      const outcome = options.callback ?? { returnTo: '/', appState: undefined };
      if (outcome instanceof TelnyxAuthError) {
        setState({ ...mockAuthState.unauthenticated(), error: outcome });
        throw outcome;
      }
      if (!state.isAuthenticated) setState(mockAuthState.authenticated());
      return outcome as RedirectResult<AppState>;
    },
    async getAccessToken(tokenOptions = {}) {
      calls.getAccessToken.push(tokenOptions);
      if (!state.isAuthenticated) {
        throw state.error ?? new TelnyxAuthError('login_required', 'Not signed in (mock).');
      }
      return state.accessToken ?? DEFAULT_MOCK_ACCESS_TOKEN;
    },
    async logout(logoutOptions = {}) {
      calls.logout.push(logoutOptions);
      setState(mockAuthState.unauthenticated('logout'));
    },
    async fetch(input, init) {
      calls.fetch.push({ input, init });
      const headers = new Headers(init?.headers);
      if (!state.isAuthenticated) throw new TelnyxAuthError('login_required', 'Not signed in (mock).');
      headers.set('Authorization', `Bearer ${state.accessToken ?? DEFAULT_MOCK_ACCESS_TOKEN}`);
      return (options.fetch ?? globalThis.fetch)(input, { ...init, headers });
    },
    on(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    destroy() {
      destroyed = true;
      listeners.clear();
      eventListeners.clear();
    },
  };
  return mock;
}
