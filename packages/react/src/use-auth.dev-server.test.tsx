import { act, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TelnyxAuthProvider } from './provider.js';
import { browserPerTest, createTestServer, signIn } from './test-utils/dev-server-harness.js';
import { useAuth } from './use-auth.js';
import { useIsAuthenticated } from './use-is-authenticated.js';
import { useAuthState } from './use-auth-state.js';

const server = createTestServer();
const browser = browserPerTest(server);

describe('useAuth with two tabs of one browser', () => {
  it("shows the other tab's sign-in, refresh and logout", async () => {
    const tabA = browser.tab();
    const tabB = browser.tab();
    function Session() {
      const { status, expiresAt } = useAuth();
      const signOutReason = useAuthState((s) => s.signOutReason);
      return <p>{`${status} ${expiresAt ?? '-'} ${signOutReason ?? '-'}`}</p>;
    }
    render(
      <TelnyxAuthProvider client={tabB}>
        <Session />
      </TelnyxAuthProvider>,
    );
    await screen.findByText('unauthenticated - -');

    await signIn(server, tabA);
    const signedInAt = tabA.getSnapshot().expiresAt;
    await screen.findByText(`authenticated ${signedInAt} -`);

    server.config.accessTokenTtl = 900; // so the refreshed token's expiry differs from the first one
    await tabA.getAccessToken({ forceRefresh: true });
    const refreshedAt = tabA.getSnapshot().expiresAt;
    expect(refreshedAt).not.toBe(signedInAt);
    await screen.findByText(`authenticated ${refreshedAt} -`);
    expect(server.counters.get('token:refresh_token')).toBe(1);

    await tabA.logout();
    await screen.findByText('unauthenticated - remote_logout');
  });
});

describe('re-render counts on a token refresh', () => {
  it('re-renders only the components that read a field the refresh changed', async () => {
    const tab = browser.tab();
    await signIn(server, tab);
    const renders = { isAuthenticatedHook: 0, useAuthFlag: 0, expiry: 0 };
    function SignedInBadge() {
      renders.isAuthenticatedHook += 1;
      return <span>{useIsAuthenticated() ? 'badge: in' : 'badge: out'}</span>;
    }
    function Menu() {
      renders.useAuthFlag += 1;
      const { isAuthenticated, logout } = useAuth();
      return isAuthenticated ? <button onClick={() => void logout()}>Sign out</button> : null;
    }
    function Expiry() {
      renders.expiry += 1;
      const { expiresAt } = useAuth();
      return <span>{`expires ${expiresAt}`}</span>;
    }
    render(
      <TelnyxAuthProvider client={tab}>
        <SignedInBadge />
        <Menu />
        <Expiry />
      </TelnyxAuthProvider>,
    );
    await screen.findByText('badge: in');
    const afterMount = { ...renders };

    server.config.accessTokenTtl = 900;
    await act(() => tab.getAccessToken({ forceRefresh: true }));
    await screen.findByText(`expires ${tab.getSnapshot().expiresAt}`);

    expect(server.counters.get('token:refresh_token')).toBe(1);
    expect(renders.isAuthenticatedHook).toBe(afterMount.isAuthenticatedHook);
    expect(renders.useAuthFlag).toBe(afterMount.useAuthFlag);
    expect(renders.expiry).toBeGreaterThan(afterMount.expiry);

    await act(() => tab.logout());
    await waitFor(() => expect(screen.getByText('badge: out')).toBeTruthy());
    expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull();
  });
});
