/**
 * `/callback`: the redirect URI. <AuthCallback> completes the sign-in exactly once (also under StrictMode
 * and when the user comes back to this URL with the back button) and hands us where to go next.
 */
import { AuthCallback, useAuth, type TelnyxAuthError } from '@telnyx-oauth/react';
import { Loading, SignInAgainActions } from '../components/feedback.js';
import { describeCallbackError } from '../lib/describe-error.js';
import { navigate } from '../lib/router.js';

function CallbackError({ error, retry }: { error: TelnyxAuthError; retry: () => void }) {
  const { isAuthenticated } = useAuth();
  const friendly = describeCallbackError(error);
  return (
    <section
      className="card center-card"
      role="alert"
      aria-labelledby="callback-error"
      data-error-code={error.code}
    >
      <h1 id="callback-error">{friendly.title}</h1>
      <p>{friendly.detail}</p>
      {isAuthenticated ? (
        <p className="alert alert--info">You are still signed in: your existing session was not affected.</p>
      ) : null}
      <p className="muted small">
        Error code: <code>{error.code}</code>
        {error.oauthError ? (
          <>
            {' '}
            (<code>{error.oauthError}</code>)
          </>
        ) : null}
      </p>
      <div className="card__footer">
        {isAuthenticated ? (
          <button
            type="button"
            className="button button--primary"
            onClick={() => navigate('/', { replace: true })}
          >
            Continue to your account
          </button>
        ) : (
          <SignInAgainActions retry={retry} />
        )}
      </div>
    </section>
  );
}

export function CallbackPage() {
  return (
    <AuthCallback
      onSuccess={(returnTo) => navigate(returnTo, { replace: true })}
      fallback={<Loading label="Finishing sign-in…" page />}
      errorFallback={(error, retry) => <CallbackError error={error} retry={retry} />}
    />
  );
}
