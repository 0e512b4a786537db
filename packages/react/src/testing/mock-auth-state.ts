import {
  TelnyxAuthError,
  type AuthSnapshot,
  type SignOutReason,
  type TelnyxAuthErrorCode,
} from '@telnyx-oauth/core';

/** A session state for the mock: a snapshot plus the access token `getAccessToken()` resolves to. */
export interface MockAuthState extends AuthSnapshot {
  /** What `getAccessToken()` resolves to while signed in; null when signed out. */
  readonly accessToken: string | null;
}

/** The access token of `mockAuthState.authenticated()` unless another is given. */
export const DEFAULT_MOCK_ACCESS_TOKEN = 'mock-access-token';

const signedOut = {
  isLoading: false,
  isAuthenticated: false,
  expiresAt: null,
  scope: [],
  error: null,
  signOutReason: null,
  pending: null,
  accessToken: null,
} as const satisfies Omit<MockAuthState, 'status'>;

/** What a signed-in preset may set. */
export interface MockSessionOverrides {
  /** Granted scopes. Default: `['account_management.read']`. */
  scope?: readonly string[];
  /** Epoch ms. Default: an hour from now. */
  expiresAt?: number;
  /** What `getAccessToken()` resolves to. Default: {@link DEFAULT_MOCK_ACCESS_TOKEN}. */
  accessToken?: string;
}

/** Presets for `<MockTelnyxAuthProvider state={...}>` and `createMockTelnyxAuth(...)`. */
export const mockAuthState = {
  /** The stored session has not been read yet (also what server rendering shows). */
  loading: (): MockAuthState => ({ ...signedOut, status: 'loading', isLoading: true }),

  /** Signed in; the token expires in an hour unless `expiresAt` says otherwise. */
  authenticated: (overrides: MockSessionOverrides = {}): MockAuthState => ({
    ...signedOut,
    status: 'authenticated',
    isAuthenticated: true,
    scope: overrides.scope ?? ['account_management.read'],
    expiresAt: overrides.expiresAt ?? Date.now() + 3_600_000,
    accessToken: overrides.accessToken ?? DEFAULT_MOCK_ACCESS_TOKEN,
  }),

  /** A refresh is under way; the session is still usable. */
  refreshing: (overrides: MockSessionOverrides = {}): MockAuthState => ({
    ...mockAuthState.authenticated(overrides),
    status: 'refreshing',
  }),

  /**
   * Signed out; with a `reason` the session ended: `logout` / `remote_logout` (the user ended it: guards show
   * the signed-out state), `refresh_rejected` (with its error) or `expired` (guards start a new sign-in).
   */
  unauthenticated: (reason: SignOutReason | null = null): MockAuthState => ({
    ...signedOut,
    status: 'unauthenticated',
    signOutReason: reason,
    error:
      reason === 'refresh_rejected'
        ? new TelnyxAuthError('refresh_rejected', 'The refresh token was rejected (mock).')
        : null,
  }),

  /**
   * A failure with `code`. Recoverable codes (refresh_failed, network_error, lock_timeout, storage_error)
   * keep the session, as core does: status 'error', still authenticated. Any other code is a failed
   * sign-in: status 'unauthenticated' with the error (what <RequireAuth> renders instead of redirecting).
   */
  error(code: TelnyxAuthErrorCode, message = `Mock ${code} error.`): MockAuthState {
    const error = new TelnyxAuthError(code, message);
    return error.recoverable
      ? { ...mockAuthState.authenticated(), status: 'error', error }
      : { ...signedOut, status: 'unauthenticated', error };
  },
};
