'use client';
import { useEffect, useSyncExternalStore } from 'react';
import type { TelnyxAuth } from '@telnyx-oauth/core';
import { getSignInAttempt, type SignInAttempt, type SignInAttemptState } from './sign-in-attempt.js';

/**
 * The shared sign-in attempt of `client`, as state. Also ends a redirect that the back/forward cache
 * froze: when the user presses Back on the Telnyx page the app is restored as it was, "redirecting"
 * forever; it then shows the attempt as not completed (with a retry) instead of a spinner or a new redirect.
 */
export function useSignInAttempt(client: TelnyxAuth): [SignInAttemptState, SignInAttempt] {
  const attempt = getSignInAttempt(client);
  const state = useSyncExternalStore(attempt.subscribe, attempt.getState, attempt.getState);
  useEffect(() => {
    const onPageShow = (event: PageTransitionEvent): void => {
      if (event.persisted) attempt.interrupted();
    };
    window.addEventListener('pageshow', onPageShow);
    return () => window.removeEventListener('pageshow', onPageShow);
  }, [attempt]);
  return [state, attempt];
}
