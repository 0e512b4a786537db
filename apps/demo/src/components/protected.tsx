/**
 * Guards the signed-in screens with the library's <RequireAuth>. A person who opens a deep link without a
 * session is sent to sign in (and back here afterwards); a session that just ENDED (revoked, signed out in
 * another tab) goes to the home page, which says why, instead of bouncing straight to Telnyx.
 */
import { useEffect, type ReactNode } from 'react';
import { RequireAuth, useAuthState } from '@telnyx-oauth/react';
import { describeError } from '../lib/describe-error.js';
import { navigate } from '../lib/router.js';
import { Loading, SignInAgainActions } from './feedback.js';

export function Protected({ children }: { children: ReactNode }) {
  const ended = useAuthState((snapshot) => !snapshot.isAuthenticated && snapshot.signOutReason !== null);

  useEffect(() => {
    if (ended) navigate('/', { replace: true });
  }, [ended]);

  if (ended) return <Loading label="Your session ended…" page />;
  return (
    <RequireAuth
      fallback={<Loading label="Checking your session…" page />}
      errorFallback={(error, retry) => {
        const friendly = describeError(error);
        return (
          <section className="card center-card" role="alert">
            <h1>{friendly.title}</h1>
            <p>{friendly.detail}</p>
            <div className="card__footer">
              <SignInAgainActions retry={retry} />
            </div>
          </section>
        );
      }}
    >
      {children}
    </RequireAuth>
  );
}
