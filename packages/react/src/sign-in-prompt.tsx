'use client';
import type { ReactNode } from 'react';

/** What happened, in words, for the codes a user meets most; the code itself is always shown too. */
const UNREACHABLE = 'Telnyx could not be reached.';
const WHY: Record<string, string> = {
  authorization_denied: 'Access was not allowed.',
  unknown_state: 'This sign-in expired or was already used.',
  login_required: 'The sign-in was not finished.',
  network_error: UNREACHABLE,
  discovery_failed: UNREACHABLE,
  code_exchange_failed: 'Telnyx refused the sign-in.',
  popup_blocked: 'The browser blocked the sign-in window.',
  popup_closed: 'The sign-in window was closed.',
  storage_unavailable: 'This browser cannot keep a sign-in.',
};

/**
 * The default UI of `<AuthCallback>` and `<RequireAuth>` when there is no session to show: a failed sign-in
 * (`code`: its error code, as `data-telnyx-auth-error`, with a sentence for the common ones) or a session the
 * user ended. One button starts a new sign-in.
 */
export const SignInPrompt = ({ code, signIn }: { code?: string; signIn: () => void }): ReactNode => (
  <div role={code ? 'alert' : 'status'} data-telnyx-auth-error={code}>
    <p>
      {code ? `${WHY[code] ?? 'Sign-in with Telnyx did not complete.'} (${code})` : 'You are signed out.'}
    </p>
    <button type="button" onClick={signIn}>
      {code ? 'Try again' : 'Sign in with Telnyx'}
    </button>
  </div>
);
