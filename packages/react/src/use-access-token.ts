'use client';
import { useEffect, useState } from 'react';
import type { TelnyxAuthError } from '@telnyx-oauth/core';
import { useTelnyxAuthClient } from './context.js';
import { shallowEqual, useAuthState } from './use-auth-state.js';
import { toAuthError } from './to-auth-error.js';

export interface UseAccessTokenResult {
  /** A valid access token, or null while loading, when signed out, or after an error. */
  readonly token: string | null;
  readonly error: TelnyxAuthError | null;
  readonly isLoading: boolean;
}

interface Fetched {
  token: string | null;
  error: TelnyxAuthError | null;
  /** Which (expiresAt, expiry tick) the result belongs to. */
  key: string;
}

/** setTimeout's maximum; a longer delay would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The current access token as state, without Suspense: fetched when a session exists, fetched again
 * whenever the session's token changes (a refresh in this or another tab) and when it expires (which
 * makes core refresh it). While a new token is being fetched the previous one is still returned.
 * Re-renders only when the session's authentication or expiry changes, or a token arrives.
 */
export function useAccessToken(): UseAccessTokenResult {
  const client = useTelnyxAuthClient();
  const session = useAuthState(
    (s) => ({ isAuthenticated: s.isAuthenticated, isLoading: s.isLoading, expiresAt: s.expiresAt }),
    shallowEqual,
  );
  const [expiredTick, setExpiredTick] = useState(0);
  const [fetched, setFetched] = useState<Fetched | null>(null);
  const key = `${session.expiresAt ?? 'none'}:${expiredTick}`;

  useEffect(() => {
    if (!session.isAuthenticated) {
      setFetched(null);
      return;
    }
    let current = true;
    client.getAccessToken().then(
      (token) => current && setFetched({ token, error: null, key }),
      (error: unknown) => current && setFetched({ token: null, error: toAuthError(error), key }),
    );
    return () => {
      current = false;
    };
  }, [client, session.isAuthenticated, key]);

  // When the token expires without a refresh having happened (autoRefresh off, tab asleep), ask again:
  // getAccessToken refreshes an expired token. Scheduled only for a future expiry, so a failed refresh
  // (expiry still in the past) does not spin.
  const { expiresAt } = session;
  useEffect(() => {
    if (!session.isAuthenticated || expiresAt === null) return;
    const delay = expiresAt - Date.now();
    if (delay <= 0) return;
    const timer = setTimeout(() => setExpiredTick((tick) => tick + 1), Math.min(delay, MAX_TIMER_MS));
    return () => clearTimeout(timer);
  }, [session.isAuthenticated, expiresAt]);

  if (!session.isAuthenticated) return { token: null, error: null, isLoading: session.isLoading };
  const fresh = fetched !== null && fetched.key === key;
  return {
    token: fetched?.token ?? null,
    error: fresh ? fetched.error : null,
    isLoading: !fresh,
  };
}
