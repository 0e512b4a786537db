/**
 * Bench page for react-oidc-context + oidc-client-ts, configured the way its docs suggest for
 * sessions that survive reloads and are shared by tabs: user in localStorage, automatic silent renew
 * with the refresh token.
 */
import { useLayoutEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { AuthProvider, useAuth } from 'react-oidc-context';
import { WebStorageStateStore } from 'oidc-client-ts';
import { benchConfig, markAppStart, markSignInClick, provideToken, report } from './probe.js';

const config = benchConfig();

function Home() {
  const auth = useAuth();
  const user = auth.user;
  const expiresAt = user?.expires_at != null ? user.expires_at * 1000 : null;
  const status = auth.isLoading
    ? 'loading'
    : auth.isAuthenticated
      ? 'authenticated'
      : auth.error
        ? 'error'
        : 'unauthenticated';
  useLayoutEffect(() => {
    const token = user?.access_token ?? null;
    provideToken(async () => token);
    report({
      status,
      tokenIdentity: user?.access_token ?? null,
      expiresAt,
      error: auth.error?.message ?? null,
    });
  });
  if (status === 'authenticated') return <p id="signed-in">Signed in</p>;
  return (
    <button
      id="sign-in"
      disabled={status === 'loading'}
      onClick={() => {
        markSignInClick();
        void auth.signinRedirect();
      }}
    >
      Sign in
    </button>
  );
}

markAppStart();
createRoot(document.getElementById('root') as HTMLElement).render(
  <AuthProvider
    authority={config.issuer}
    metadataUrl={`${config.issuer}/.well-known/oauth-authorization-server`}
    client_id={config.clientId}
    redirect_uri={config.redirectUri}
    scope={config.scope}
    response_type="code"
    userStore={new WebStorageStateStore({ store: window.localStorage })}
    automaticSilentRenew
    accessTokenExpiringNotificationTimeInSeconds={config.refreshLeewaySeconds}
    onSigninCallback={() => window.history.replaceState({}, document.title, '/')}
  >
    <Home />
  </AuthProvider>,
);
