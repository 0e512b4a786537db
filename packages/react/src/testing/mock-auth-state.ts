import {
  TelnyxAuthError,
  type AuthSnapshot,
  type SignOutReason,
  type TelnyxAuthErrorCode,
} from '@telnyx-oauth/core';

/** A session state for the mock: a snapshot plus the access token `getAccessToken()` resolves to. */
export interface MockAuthState extends AuthSnapshot {
  readonly accessToken: string | null;
}

export const DEFAULT_MOCK_ACCESS_TOKEN = 'mock-access-token';

const signedOut = {
  isLoading: false,
  isAuthenticated: false,
  expiresAt: null,
  scope: [],
  error: null,
  signOutReason: null,
  accessToken: null,
} as const satisfies Omit<MockAuthState, 'status'>;

export interface MockSessionOverrides {
  scope?: readonly string[];
  /** Epoch ms. Default: an hour from now. */
  expiresAt?: number;
  accessToken?: string;
}

/** Presets for `<MockTelnyxAuthProvider state={...}>` and `createMockTelnyxAuth(...)`. */
export const mockAuthState = {
  loading(): MockAuthState {
    return { ...signedOut, status: 'loading', isLoading: true };
  },

  /** Signed in; the token expires in an hour unless `expiresAt` says otherwise. */
  authenticated(overrides: MockSessionOverrides = {}): MockAuthState {
    return {
      ...signedOut,
      status: 'authenticated',
      isAuthenticated: true,
      scope: overrides.scope ?? ['account_management.read'],
      expiresAt: overrides.expiresAt ?? Date.now() + 3_600_000,
      accessToken: overrides.accessToken ?? DEFAULT_MOCK_ACCESS_TOKEN,
    };
  },

  /** A refresh is under way; the session is still usable. */
  refreshing(overrides: MockSessionOverrides = {}): MockAuthState {
    return { ...mockAuthState.authenticated(overrides), status: 'refreshing' };
  },

  /** Signed out; with a `reason` the session ended (another tab signed out, the refresh was rejected...). */
  unauthenticated(reason: SignOutReason | null = null): MockAuthState {
    const error =
      reason === 'refresh_rejected'
        ? new TelnyxAuthError('refresh_rejected', 'The refresh token was rejected (mock).')
        : reason === 'expired'
          ? new TelnyxAuthError('login_required', 'The session expired (mock).')
          : null;
    return { ...signedOut, status: 'unauthenticated', signOutReason: reason, error };
  },

  /**
   * A failure with `code`. Recoverable codes (refresh_failed, network_error, lock_timeout, storage_error)
   * keep the session, as core does: status 'error', still authenticated. Any other code is a failed
   * sign-in: status 'unauthenticated' with the error (what <RequireAuth> renders instead of redirecting).
   */
  error(code: TelnyxAuthErrorCode, message = `Mock ${code} error.`): MockAuthState {
    // Core decides which codes keep the session (status 'error', isAuthenticated true).
    const error = new TelnyxAuthError(code, message);
    return error.recoverable
      ? { ...mockAuthState.authenticated(), status: 'error', error }
      : { ...signedOut, status: 'unauthenticated', error };
  },
};
