'use client';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { TelnyxAuthError, type LoginOptions, type RedirectResult } from '@telnyx-oauth/core';
import { useTelnyxAuthClient } from './context.js';
import { SignInPrompt } from './sign-in-prompt.js';

/** The props of {@link AuthCallback}. */
export interface AuthCallbackProps<AppState = unknown> {
  /**
   * Navigate after a successful sign-in: `returnTo` is always a same-origin path. Called once per mount.
   * Default: `history.replaceState` to `returnTo` plus a `popstate` event, which History-API routers follow.
   */
  onSuccess?: (returnTo: string, appState: AppState | undefined) => void;
  /** Rendered while the code is exchanged. Default: nothing. */
  fallback?: ReactNode;
  /** Rendered when sign-in failed; `retry()` starts a new sign-in (the failed callback is spent). */
  errorFallback?: (error: TelnyxAuthError, retry: () => void) => ReactNode;
  /** Options for the new sign-in started by `retry()`. Default `returnTo`: `/`. */
  retryOptions?: LoginOptions;
  /** The callback URL to handle. Default: the page's URL. */
  url?: string;
  /**
   * Rendered in a `loginWithPopup` window once its sign-in is over (the page that opened it shows the
   * outcome), when the browser does not let the window close itself. Default: "You can close this window."
   */
  popupFallback?: ReactNode;
}

function replaceLocation(path: string): void {
  history.replaceState(null, '', path);
  dispatchEvent(new PopStateEvent('popstate', { state: null }));
}

/**
 * The redirect URI's page: completes the sign-in with `handleRedirectCallback`, which core runs once per
 * authorization response (StrictMode's double effects and a remounted route join the first), and never reads
 * the URL during render (server rendering shows `fallback`). A reload after the URL was cleaned goes home
 * when signed in; without a session it shows why there is nothing to complete. In a `loginWithPopup`
 * window it reports to the page that opened it (core does), closes the window and never navigates into the
 * app: `popupFallback` shows if the browser keeps the window open.
 *
 * @see RFC 6749 §4.1.2
 */
export function AuthCallback<AppState = unknown>(props: AuthCallbackProps<AppState>): ReactNode {
  const { fallback = null, errorFallback, retryOptions, url, popupFallback } = props;
  const client = useTelnyxAuthClient();
  const [error, setError] = useState<TelnyxAuthError | null | true>(null);
  const onSuccess = useRef(props.onSuccess);
  useEffect(() => void (onSuccess.current = props.onSuccess));

  useEffect(() => {
    let active = true;
    client
      .handleRedirectCallback<AppState>(url)
      .catch(async (cause: unknown): Promise<RedirectResult<AppState>> => {
        if ((cause as TelnyxAuthError).code === 'not_a_callback' && (await client.ready()).isAuthenticated)
          return { returnTo: '/', appState: undefined };
        throw cause;
      })
      .then(
        (result) =>
          active &&
          (result.popup
            ? (setError(true), window.close()) // true: a popup window, its opener has the outcome
            : (onSuccess.current ?? replaceLocation)(result.returnTo, result.appState)),
        (cause: unknown) => active && setError(TelnyxAuthError.from(cause)),
      );
    return () => void (active = false);
  }, [client, url]);

  if (!error) return fallback;
  if (error === true) return popupFallback ?? <p role="status">You can close this window.</p>;
  const retry = (): void =>
    void client.loginWithRedirect({ returnTo: '/', ...retryOptions }).then(
      () => setError(null),
      (cause: unknown) => setError(TelnyxAuthError.from(cause)),
    );
  return errorFallback ? errorFallback(error, retry) : <SignInPrompt code={error.code} signIn={retry} />;
}
