'use client';
import { useCallback, useMemo, useRef, useSyncExternalStore } from 'react';
import type { AuthSnapshot, PopupLoginOptions, TelnyxAuth } from '@telnyx-oauth/core';
import { useTelnyxAuthClient } from './context.js';

const FIELDS = ['status', 'isLoading', 'isAuthenticated', 'error', 'scope', 'expiresAt'] as const;

/** Options of `useAuth().login`: those of `loginWithRedirect`, or with `popup: true` those of `loginWithPopup`. */
export interface UseAuthLoginOptions extends PopupLoginOptions {
  /**
   * Sign in in a popup window (`client.loginWithPopup`; the provider needs `popup={popupSupport()}` from
   * `@telnyx-oauth/core/popup`) instead of leaving the page. Call it from a click handler.
   */
  popup?: boolean;
}

/** What {@link useAuth} returns: session fields (see `AuthSnapshot`) and the client's actions. */
export interface UseAuthResult extends Pick<AuthSnapshot, (typeof FIELDS)[number]> {
  /**
   * `client.loginWithRedirect` (`returnTo` defaults to the current path), or with `popup: true`
   * `client.loginWithPopup`. Stable across renders.
   */
  login: (options?: UseAuthLoginOptions) => Promise<void>;
  /** `client.logout`: ends the session in every tab (and at the server). Stable across renders. */
  logout: TelnyxAuth['logout'];
  /** `client.getAccessToken`: a valid access token, refreshed when needed. Stable across renders. */
  getAccessToken: TelnyxAuth['getAccessToken'];
}

/**
 * The session and its actions, re-rendering only when a field the component has READ changes: the fields
 * are getters that record what is used, so `const { isAuthenticated, login } = useAuth()` does not re-render
 * on a token refresh (which changes `expiresAt` and passes through `refreshing`), while a component that
 * renders `expiresAt` does. Spreading the result reads every field. For derived values prefer `useAuthState`.
 *
 * @throws TelnyxAuthError `invalid_options` outside a provider.
 */
export function useAuth(): UseAuthResult {
  const client = useTelnyxAuthClient();
  const read = useRef(new Set<(typeof FIELDS)[number]>()).current;
  // The snapshot this component last rendered; notifications that change no read field are dropped.
  const rendered = useRef<AuthSnapshot>(null);
  const subscribe = useCallback(
    (listener: () => void) =>
      client.subscribe(() => {
        const last = rendered.current;
        const next = client.getSnapshot();
        if (!last || [...read].some((field) => !Object.is(last[field], next[field]))) listener();
      }),
    [client, read],
  );
  // React still compares snapshots on every render, so a render caused by anything else sees fresh values.
  const snapshot = useSyncExternalStore(subscribe, client.getSnapshot, client.getServerSnapshot);
  rendered.current = snapshot;
  const login = useCallback(
    ({ popup, ...options }: UseAuthLoginOptions = {}): Promise<void> =>
      popup ? client.loginWithPopup(options) : client.loginWithRedirect(options),
    [client],
  );
  return useMemo(() => {
    const { logout, getAccessToken } = client;
    const result = { login, logout, getAccessToken } as UseAuthResult;
    for (const field of FIELDS)
      Object.defineProperty(result, field, {
        enumerable: true,
        get: () => (read.add(field), snapshot[field]),
      });
    return Object.freeze(result);
  }, [client, login, read, snapshot]);
}
