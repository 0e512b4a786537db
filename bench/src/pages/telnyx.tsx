/**
 * Bench page for @telnyx-oauth/react: the provider with options, `useAuth`, and `AuthCallback` on
 * /callback. AuthCallback's default navigation replaces the URL and fires popstate, which this page
 * follows like any History-API router would.
 */
import { useEffect, useLayoutEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { AuthCallback, TelnyxAuthProvider, useAuth } from '@telnyx-oauth/react';
import { benchConfig, markAppStart, markSignInClick, provideToken, report } from './probe.js';

const config = benchConfig();

function Home() {
  const { status, isAuthenticated, expiresAt, error, login, getAccessToken } = useAuth();
  const probeStatus = isAuthenticated
    ? 'authenticated'
    : status === 'loading'
      ? 'loading'
      : status === 'error'
        ? 'error'
        : 'unauthenticated';
  useLayoutEffect(() => {
    provideToken(() => getAccessToken());
    report({ status: probeStatus, tokenIdentity: expiresAt, expiresAt, error: error?.code ?? null });
  });
  if (isAuthenticated) return <p id="signed-in">Signed in</p>;
  return (
    <button
      id="sign-in"
      disabled={status === 'loading'}
      onClick={() => {
        markSignInClick();
        void login();
      }}
    >
      Sign in
    </button>
  );
}

function App() {
  const [path, setPath] = useState(() => window.location.pathname);
  useEffect(() => {
    const follow = () => setPath(window.location.pathname);
    window.addEventListener('popstate', follow);
    return () => window.removeEventListener('popstate', follow);
  }, []);
  return path === '/callback' ? <AuthCallback /> : <Home />;
}

markAppStart();
createRoot(document.getElementById('root') as HTMLElement).render(
  <TelnyxAuthProvider
    clientId={config.clientId}
    redirectUri={config.redirectUri}
    issuer={config.issuer}
    scope={config.scope}
    refreshLeeway={config.refreshLeewaySeconds}
  >
    <App />
  </TelnyxAuthProvider>,
);
