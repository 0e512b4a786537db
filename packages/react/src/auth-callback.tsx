'use client';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { TelnyxAuthError, type LoginOptions } from '@telnyx-oauth/core';
import { useTelnyxAuthClient } from './context.js';
import { DefaultAuthError } from './default-error.js';
import { handleCallbackOnce } from './handle-callback-once.js';
import { replaceLocation } from './navigate.js';
import { toAuthError } from './to-auth-error.js';
import { useSignInAttempt } from './use-sign-in-attempt.js';

export interface AuthCallbackProps<AppState = unknown> {
  /**
   * Navigate after a successful sign-in: `returnTo` is always a same-origin path. Called exactly once.
   * Default: `history.replaceState` to `returnTo` plus a `popstate` event (see the router recipes).
   */
  onSuccess?: (returnTo: string, appState: AppState | undefined) => void;
  /** Rendered while the code is exchanged. Default: nothing. */
  fallback?: ReactNode;
  /** Rendered when sign-in failed; `retry()` starts a new sign-in (the failed callback is spent). */
  errorFallback?: (error: TelnyxAuthError, retry: () => void) => ReactNode;
  /** Options for the new sign-in started by `retry()`. */
  retryOptions?: LoginOptions;
  /** The callback URL to handle. Default: the page's URL when the component mounted. */
  url?: string;
}

/**
 * The redirect URI's page. Completes the sign-in exactly once per callback URL, also under StrictMode's
 * double effects, and never reads the URL during render (server rendering shows `fallback`).
 */
export function AuthCallback<AppState = unknown>(props: AuthCallbackProps<AppState>): ReactNode {
  const { fallback = null, errorFallback, retryOptions, url } = props;
  const client = useTelnyxAuthClient();
  const [, attempt] = useSignInAttempt(client);
  const [error, setError] = useState<TelnyxAuthError | null>(null);

  // The URL at first mount: core cleans it from the address bar once handled, so a re-run must not re-read.
  const callbackUrl = useRef<string | null>(null);
  const onSuccess = useRef(props.onSuccess);
  useEffect(() => {
    onSuccess.current = props.onSuccess;
  });

  useEffect(() => {
    const href = url ?? (callbackUrl.current ??= window.location.href);
    let active = true;
    // The shared attempt is updated even after unmount (guards elsewhere wait for it); this instance's
    // navigation and state only while mounted, so StrictMode's discarded first run does neither.
    const finish = (returnTo: string, appState: AppState | undefined): void => {
      attempt.succeed();
      if (active) (onSuccess.current ?? replaceLocation)(returnTo, appState);
    };
    const failed = (reason: unknown): void => {
      const authError = toAuthError(reason);
      attempt.fail(authError);
      if (active) setError(authError);
    };

    attempt.completing();
    if (client.isRedirectCallback(href)) {
      handleCallbackOnce(client, href).then(
        (result) => finish(result.returnTo, result.appState as AppState | undefined),
        failed,
      );
    } else {
      // A reload of the callback page after the URL was cleaned, or a visit by hand: if a session exists
      // the sign-in already succeeded, so go home; otherwise say why there is nothing to complete.
      client
        .ready()
        .then(
          (snapshot) =>
            snapshot.isAuthenticated
              ? finish('/', undefined)
              : failed(new TelnyxAuthError('not_a_callback', `${href} carries no authorization response.`)),
          failed,
        );
    }
    return () => {
      active = false;
    };
  }, [client, attempt, url]);

  if (error === null) return fallback;
  const retry = (): void => {
    setError(null);
    void attempt.redirect(retryOptions ?? {}).then(() => {
      const failure = attempt.getState().error;
      if (failure !== null) setError(failure);
    });
  };
  return errorFallback ? errorFallback(error, retry) : <DefaultAuthError error={error} retry={retry} />;
}
