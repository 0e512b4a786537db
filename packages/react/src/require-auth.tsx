'use client';
import { useEffect, type ReactNode } from 'react';
import type { AuthSnapshot, LoginOptions, TelnyxAuthError, TelnyxAuthErrorCode } from '@telnyx-oauth/core';
import { useTelnyxAuthClient } from './context.js';
import { DefaultAuthError } from './default-error.js';
import { currentPath } from './navigate.js';
import { shallowEqual, useAuthState } from './use-auth-state.js';
import { useSignInAttempt } from './use-sign-in-attempt.js';

export interface RequireAuthOptions {
  /** Rendered while the session loads and while redirecting to Telnyx. Default: nothing. */
  fallback?: ReactNode;
  /** Rendered instead of redirecting again when sign-in failed; `retry()` starts a new sign-in. */
  errorFallback?: (error: TelnyxAuthError, retry: () => void) => ReactNode;
  /** Where to come back to. Default: the current pathname + search + hash, read when redirecting. */
  returnTo?: string;
  /** Other sign-in options (scope, appState, prompt, extra authorize parameters). */
  loginOptions?: Omit<LoginOptions, 'returnTo'>;
}

export interface RequireAuthProps extends RequireAuthOptions {
  children?: ReactNode;
}

// Errors that END a session: signing in again is the cure, so the guard redirects.
const SESSION_ENDED: ReadonlySet<TelnyxAuthErrorCode> = new Set(['login_required', 'refresh_rejected']);

/** The error to show instead of redirecting, if the session's state says sign-in failed. */
function signInFailure(
  snapshot: Pick<AuthSnapshot, 'status' | 'isAuthenticated' | 'error'>,
): TelnyxAuthError | null {
  if (snapshot.isAuthenticated || snapshot.error === null) return null;
  if (snapshot.status === 'error') return snapshot.error;
  return SESSION_ENDED.has(snapshot.error.code) ? null : snapshot.error;
}

/**
 * Renders `children` only with a session. Without one it redirects to sign-in ONCE (shared by every
 * guard of the client, StrictMode-proof) with `returnTo` set to the current location, showing `fallback`
 * meanwhile. When sign-in failed (the callback, the redirect, or a non-recoverable session error) it
 * renders the error instead of redirecting again, so a failing sign-in never loops.
 */
export function RequireAuth(props: RequireAuthProps): ReactNode {
  const { children, fallback = null, errorFallback, returnTo, loginOptions } = props;
  const client = useTelnyxAuthClient();
  const session = useAuthState(
    (s) => ({ status: s.status, isAuthenticated: s.isAuthenticated, error: s.error }),
    shallowEqual,
  );
  const [attemptState, attempt] = useSignInAttempt(client);
  // While a redirect is under way or an <AuthCallback> is completing, wait: neither error nor new redirect.
  const busy = attemptState.redirecting || attemptState.completing;
  const failure = session.isAuthenticated || busy ? null : (attemptState.error ?? signInFailure(session));
  const mustSignIn =
    !session.isAuthenticated && session.status === 'unauthenticated' && !busy && failure === null;

  useEffect(() => {
    if (!mustSignIn) return;
    // Decide on the live state, not this render's: between render and effect a callback may have started
    // (StrictMode's second run, a sibling <AuthCallback>) or another guard may already be redirecting.
    const live = client.getSnapshot();
    const { redirecting, completing, error } = attempt.getState();
    if (live.status !== 'unauthenticated' || redirecting || completing || error || signInFailure(live))
      return;
    // A guard on the callback page itself (a layout around every route) waits for the callback instead.
    if (client.isRedirectCallback()) return;
    void attempt.redirect({ ...loginOptions, returnTo: returnTo ?? currentPath() });
    // loginOptions is read when the redirect starts; a new object per render must not restart anything.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mustSignIn, attempt, returnTo, client]);

  if (session.isAuthenticated) return children;
  if (failure !== null) {
    const retry = (): void => void attempt.redirect({ ...loginOptions, returnTo: returnTo ?? currentPath() });
    return errorFallback ? errorFallback(failure, retry) : <DefaultAuthError error={failure} retry={retry} />;
  }
  return fallback;
}
