'use client';
import type { ReactNode } from 'react';
import type { TelnyxAuthError } from '@telnyx-oauth/core';

/** What <AuthCallback> and <RequireAuth> render for a failed sign-in when the app gives no errorFallback. */
export function DefaultAuthError({ error, retry }: { error: TelnyxAuthError; retry: () => void }): ReactNode {
  return (
    <div role="alert" data-telnyx-auth-error={error.code}>
      <p>Sign-in with Telnyx did not complete ({error.code}).</p>
      <button type="button" onClick={retry}>
        Try again
      </button>
    </div>
  );
}
