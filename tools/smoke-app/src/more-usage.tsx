// More of the API than the README's quick start (src/main.tsx and src/App.tsx, copied from the React README
// by check-packages.ts), typechecked against the packed packages; not part of the bundle.
import { useEffect, useState } from 'react';
import {
  AuthCallback,
  RequireAuth,
  SignInWithTelnyx,
  isTelnyxAuthError,
  useAccessToken,
  useAuth,
  useAuthState,
  useHasScope,
  useTelnyxAPI,
  type AuthSnapshot,
} from '@telnyx-oauth/react';
import type { OAuthGrant } from '@telnyx-oauth/core/api';

function Header() {
  const { isAuthenticated, login, logout } = useAuth();
  const canWrite = useHasScope('account_management.write');
  if (!isAuthenticated) return <SignInWithTelnyx popup redirectIfBlocked />;
  return (
    <>
      {canWrite ? null : (
        <button onClick={() => void login({ popup: true, scope: 'account_management.write' })}>
          Allow changes
        </button>
      )}
      <button onClick={() => logout()}>Sign out</button>
    </>
  );
}

function Grants() {
  const api = useTelnyxAPI();
  const { token } = useAccessToken();
  const scope = useAuthState((snapshot: AuthSnapshot) => snapshot.scope);
  const [grants, setGrants] = useState<OAuthGrant[]>([]);
  useEffect(() => {
    api.oauthGrants.list().then(
      (page) => setGrants(page.data),
      (error: unknown) => console.error(isTelnyxAuthError(error) ? error.code : error),
    );
  }, [api]);
  return (
    <p>
      {grants.length} grants, scope {scope.join(' ')}, token {token ? 'present' : 'absent'}
    </p>
  );
}

export function MoreUsage() {
  if (location.pathname === '/callback') return <AuthCallback fallback={<p>Signing you in…</p>} />;
  return (
    <>
      <Header />
      <RequireAuth fallback={<p>Loading…</p>}>
        <Grants />
      </RequireAuth>
    </>
  );
}
