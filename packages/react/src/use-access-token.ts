'use client';
import { useEffect, useState } from 'react';
import { TelnyxAuthError } from '@telnyx-oauth/core';
import { useTelnyxAuthClient } from './context.js';
import { shallowEqual, useAuthState } from './use-auth-state.js';

/** What {@link useAccessToken} returns. */
export interface UseAccessTokenResult {
  /** A valid access token, or null while loading, when signed out, or after an error. */
  readonly token: string | null;
  /** Why the last `getAccessToken()` failed, if it did. */
  readonly error: TelnyxAuthError | null;
  /** True until the token for the current session (and expiry) is there. */
  readonly isLoading: boolean;
}

type Fetched = Omit<UseAccessTokenResult, 'isLoading'> & { expiresAt: number | null };

/**
 * The current access token as state, without Suspense: asked for when a session exists and again whenever
 * its token changes (a refresh in this or another tab: core renews it before it expires). While a new token
 * is on its way the previous one is still returned. Re-renders when the session starts, ends or changes its
 * expiry, and when a token arrives.
 *
 * @throws TelnyxAuthError `invalid_options` outside a provider.
 */
export function useAccessToken(): UseAccessTokenResult {
  const client = useTelnyxAuthClient();
  const { isAuthenticated, isLoading, expiresAt } = useAuthState(
    (s) => ({ isAuthenticated: s.isAuthenticated, isLoading: s.isLoading, expiresAt: s.expiresAt }),
    shallowEqual,
  );
  const [fetched, setFetched] = useState<Fetched>();
  useEffect(() => {
    if (!isAuthenticated) return setFetched(undefined);
    let current = true;
    client.getAccessToken().then(
      (token) => current && setFetched({ token, error: null, expiresAt }),
      (error: unknown) =>
        current && setFetched({ token: null, error: TelnyxAuthError.from(error), expiresAt }),
    );
    return () => void (current = false);
  }, [client, isAuthenticated, expiresAt]);
  const fresh = isAuthenticated && fetched?.expiresAt === expiresAt;
  return {
    token: (isAuthenticated && fetched?.token) || null,
    error: (fresh && fetched?.error) || null,
    isLoading: isAuthenticated ? !fresh : isLoading,
  };
}
