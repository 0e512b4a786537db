'use client';
import { useEffect, useSyncExternalStore, type ReactNode } from 'react';
import type { AuthSnapshot, LoginOptions, TelnyxAuthError } from '@telnyx-oauth/core';
import { useTelnyxAuthClient } from './context.js';
import { SignInPrompt } from './sign-in-prompt.js';

/** The options of {@link RequireAuth} and `withAuthRequired`. */
export interface RequireAuthOptions {
  /** Rendered while the session loads and while a sign-in is under way. Default: nothing. */
  fallback?: ReactNode;
  /** Rendered instead of redirecting again when sign-in failed; `retry()` starts a new sign-in. */
  errorFallback?: (error: TelnyxAuthError, retry: () => void) => ReactNode;
  /**
   * Rendered when the user signed out (here or in another tab): no new sign-in starts by itself, `signIn()`
   * starts one. Default: "You are signed out." and a sign-in button.
   */
  signedOutFallback?: (signIn: () => void) => ReactNode;
  /** Where to come back to. Default: the current pathname + search + hash, read when redirecting. */
  returnTo?: string;
  /** Other sign-in options (scope, appState, prompt, extra authorize parameters). */
  loginOptions?: Omit<LoginOptions, 'returnTo'>;
}

/** The props of {@link RequireAuth}. */
export interface RequireAuthProps extends RequireAuthOptions {
  /** What needs a session. */
  children?: ReactNode;
}

/**
 * What a guard does with a snapshot: show the children, wait (loading, a sign-in under way), show the
 * signed-out state (the user ended the session: never sign them straight back in), show a failed sign-in (the
 * snapshot's own error: never loop), or start a sign-in (no session yet, or it expired or was revoked).
 */
const decide = (s: AuthSnapshot): 'in' | 'wait' | 'out' | 'redirect' | TelnyxAuthError =>
  s.isAuthenticated
    ? 'in'
    : s.isLoading || s.pending
      ? 'wait'
      : /^(logout|remote_logout|storage_cleared)$/.test(s.signOutReason!)
        ? 'out'
        : s.error && !s.signOutReason
          ? s.error
          : 'redirect';

/**
 * Renders `children` only with a session. Without one it starts a sign-in once (`loginWithRedirect`, which
 * every guard and StrictMode's double effects share), showing `fallback` meanwhile; it waits for a callback
 * completing on the same page. It never loops: after a failed sign-in it renders the error, and after the
 * user signed out (here or in another tab) the signed-out state, each with a way to sign in. A session that
 * expired or was rejected by the server starts a new sign-in; a recoverable error keeps the children.
 */
export function RequireAuth(props: RequireAuthProps): ReactNode {
  const { children, fallback = null, errorFallback, signedOutFallback, returnTo, loginOptions } = props;
  const client = useTelnyxAuthClient();
  // A string or the snapshot's own error object: useSyncExternalStore's Object.is comparison re-renders only
  // when the decision changes (a refresh, which changes expiresAt, does not re-render the guard).
  const action = useSyncExternalStore(
    client.subscribe,
    () => decide(client.getSnapshot()),
    () => decide(client.getServerSnapshot()),
  );
  const signIn = (): Promise<void> =>
    client.loginWithRedirect({ ...loginOptions, returnTo }).catch(() => undefined); // the snapshot shows it

  useEffect(() => {
    // Decide on the live state: StrictMode's second run, or another guard, may have started it already. A
    // guard on the callback page itself (a layout around every route) leaves it to <AuthCallback>.
    if (action === 'redirect' && decide(client.getSnapshot()) === 'redirect' && !client.isRedirectCallback())
      void signIn();
    // loginOptions is read when the sign-in starts; a new object per render must not restart anything.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [action, client, returnTo]);

  if (action === 'in') return children;
  if (action === 'out')
    return signedOutFallback ? signedOutFallback(signIn) : <SignInPrompt signIn={signIn} />;
  if (typeof action === 'object')
    return errorFallback ? (
      errorFallback(action, signIn)
    ) : (
      <SignInPrompt code={action.code} signIn={signIn} />
    );
  return fallback;
}
