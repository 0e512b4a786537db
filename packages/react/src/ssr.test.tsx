// @vitest-environment node
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AuthCallback } from './auth-callback.js';
import { TelnyxAuthProvider } from './provider.js';
import { RequireAuth } from './require-auth.js';
import { SignInWithTelnyx } from './sign-in-with-telnyx.js';
import { useAccessToken } from './use-access-token.js';
import { useAuth } from './use-auth.js';
import { useIsAuthenticated } from './use-is-authenticated.js';

function Header() {
  const { status, isLoading } = useAuth();
  const signedIn = useIsAuthenticated();
  const { token } = useAccessToken();
  return <p>{`status=${status} loading=${isLoading} signedIn=${signedIn} token=${token ?? 'none'}`}</p>;
}

describe('server rendering', () => {
  it('renders a tree with the provider in Node as loading, touching no browser global and no network', () => {
    expect(typeof window).toBe('undefined');
    const requests: string[] = [];
    const html = renderToString(
      <TelnyxAuthProvider
        clientId="telnyx-oauth-demo"
        redirectUri="http://localhost:5173/callback"
        issuer="http://127.0.0.1:4010"
        storage="memory"
        fetch={async (input) => {
          requests.push(String(input));
          return new Response(null, { status: 500 });
        }}
      >
        <Header />
        <SignInWithTelnyx />
        <RequireAuth fallback={<p>checking session</p>}>
          <p>secret</p>
        </RequireAuth>
        <AuthCallback fallback={<p>finishing sign-in</p>} />
      </TelnyxAuthProvider>,
    );
    expect(html).toContain('status=loading loading=true signedIn=false token=none');
    expect(html).toContain('Sign in with Telnyx');
    expect(html).toContain('checking session');
    expect(html).not.toContain('secret');
    expect(html).toContain('finishing sign-in');
    expect(requests).toEqual([]);
  });
});
