'use client';
import type { ReactNode } from 'react';

/**
 * The default UI of `<AuthCallback>` and `<RequireAuth>` when there is no session to show: a failed sign-in
 * (`code`: its error code, as `data-telnyx-auth-error`) or a session the user ended. One button starts a
 * new sign-in.
 */
export const SignInPrompt = ({ code, signIn }: { code?: string; signIn: () => void }): ReactNode => (
  <div role={code ? 'alert' : 'status'} data-telnyx-auth-error={code}>
    <p>{code ? `Sign-in with Telnyx did not complete (${code}).` : 'You are signed out.'}</p>
    <button type="button" onClick={signIn}>
      {code ? 'Try again' : 'Sign in with Telnyx'}
    </button>
  </div>
);
