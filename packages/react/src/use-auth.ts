'use client';
import { useCallback, useMemo, useRef, useSyncExternalStore } from 'react';
import type {
  AuthSnapshot,
  AuthStatus,
  GetAccessTokenOptions,
  LoginOptions,
  LogoutOptions,
  TelnyxAuth,
  TelnyxAuthError,
} from '@telnyx-oauth/core';
import { useTelnyxAuthClient } from './context.js';
import { currentPath } from './navigate.js';

export interface UseAuthResult {
  readonly status: AuthStatus;
  readonly isLoading: boolean;
  readonly isAuthenticated: boolean;
  readonly error: TelnyxAuthError | null;
  readonly scope: readonly string[];
  readonly expiresAt: number | null;
  /**
   * Starts the redirect to Telnyx (`client.loginWithRedirect`); `returnTo` defaults to the current
   * pathname + search + hash. Stable across renders.
   */
  login(options?: LoginOptions): Promise<void>;
  /** Ends the session (revokes the refresh token by default). Stable across renders. */
  logout(options?: LogoutOptions): Promise<void>;
  /** A valid access token, refreshed when needed. Stable across renders. */
  getAccessToken(options?: GetAccessTokenOptions): Promise<string>;
}

type StateField = 'status' | 'isLoading' | 'isAuthenticated' | 'error' | 'scope' | 'expiresAt';
const STATE_FIELDS: readonly StateField[] = [
  'status',
  'isLoading',
  'isAuthenticated',
  'error',
  'scope',
  'expiresAt',
];

interface Actions {
  login: UseAuthResult['login'];
  logout: UseAuthResult['logout'];
  getAccessToken: UseAuthResult['getAccessToken'];
}

function bindActions(client: TelnyxAuth): Actions {
  return {
    // Like <SignInWithTelnyx> and <RequireAuth>: come back to where the user was, unless told otherwise.
    login: (options) => client.loginWithRedirect({ returnTo: currentPath(), ...options }),
    logout: (options) => client.logout(options),
    getAccessToken: (options) => client.getAccessToken(options),
  };
}

/**
 * The session and its actions.
 *
 * Cheap by construction: the component re-renders only when a field it has READ changes. The fields are
 * getters that record what the component uses, so `const { isAuthenticated, login } = useAuth()` does not
 * re-render on a token refresh (which changes `expiresAt` and passes through status 'refreshing'), while a
 * component that renders `expiresAt` does. Spreading the result (`{...auth}`) reads every field.
 * For derived values prefer `useAuthState(selector)`.
 */
export function useAuth(): UseAuthResult {
  const client = useTelnyxAuthClient();
  const read = useRef(new Set<StateField>());
  // The snapshot this component last rendered; notifications that change no read field are dropped.
  const rendered = useRef<AuthSnapshot | null>(null);

  const subscribe = useCallback(
    (listener: () => void) =>
      client.subscribe(() => {
        const previous = rendered.current;
        const next = client.getSnapshot();
        if (
          previous === null ||
          [...read.current].some((field) => !Object.is(previous[field], next[field]))
        ) {
          listener();
        }
      }),
    [client],
  );
  // React still compares snapshots on every render, so a render caused by anything else sees fresh values.
  const getSnapshot = useCallback(() => client.getSnapshot(), [client]);
  const getServerSnapshot = useCallback(() => client.getServerSnapshot(), [client]);
  const snapshot = useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
  rendered.current = snapshot;

  const actions = useMemo(() => bindActions(client), [client]);
  return useMemo(() => {
    const result = { ...actions } as UseAuthResult;
    for (const field of STATE_FIELDS) {
      Object.defineProperty(result, field, {
        enumerable: true,
        get: () => {
          read.current.add(field);
          return snapshot[field];
        },
      });
    }
    return Object.freeze(result);
  }, [actions, snapshot]);
}
