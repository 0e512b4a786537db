import { act, fireEvent, render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import { TelnyxAuthError } from '@telnyx-oauth/core';
import { RequireAuth } from './require-auth.js';
import { withAuthRequired } from './with-auth-required.js';
import { createMockTelnyxAuth, mockAuthState, MockTelnyxAuthProvider } from './testing/index.js';

describe('RequireAuth', () => {
  it('renders children with a session and never redirects', () => {
    const mock = createMockTelnyxAuth(mockAuthState.authenticated());
    render(
      <MockTelnyxAuthProvider client={mock}>
        <RequireAuth fallback="wait">secret</RequireAuth>
      </MockTelnyxAuthProvider>,
    );
    expect(screen.getByText('secret')).toBeTruthy();
    expect(mock.calls.loginWithRedirect).toEqual([]);
  });

  it('shows the fallback while loading, then starts one sign-in', async () => {
    const mock = createMockTelnyxAuth(mockAuthState.loading());
    render(
      <StrictMode>
        <MockTelnyxAuthProvider client={mock}>
          <RequireAuth fallback={<p>wait</p>} loginOptions={{ scope: 'account_management.read' }}>
            secret
          </RequireAuth>
          <RequireAuth fallback={<p>wait too</p>}>more secret</RequireAuth>
        </MockTelnyxAuthProvider>
      </StrictMode>,
    );
    expect(screen.getByText('wait')).toBeTruthy();
    expect(mock.calls.loginWithRedirect).toEqual([]);
    await act(async () => mock.setState(mockAuthState.unauthenticated()));
    // One sign-in for both guards and StrictMode's double effects; core defaults returnTo to the current path.
    expect(mock.calls.loginWithRedirect).toEqual([{ scope: 'account_management.read' }]);
    expect(screen.getByText('wait')).toBeTruthy();
  });

  it.each(['refresh_rejected', 'expired'] as const)(
    'starts a new sign-in after a session ended by the server or by expiry (%s)',
    async (reason) => {
      const mock = createMockTelnyxAuth(mockAuthState.unauthenticated(reason));
      render(
        <MockTelnyxAuthProvider client={mock}>
          <RequireAuth>secret</RequireAuth>
        </MockTelnyxAuthProvider>,
      );
      await act(async () => {});
      expect(mock.calls.loginWithRedirect).toHaveLength(1);
    },
  );

  it.each(['logout', 'remote_logout', 'storage_cleared'] as const)(
    'after the user signed out (%s) shows the signed-out state and signs in only when asked',
    async (reason) => {
      const mock = createMockTelnyxAuth(mockAuthState.unauthenticated(reason));
      render(
        <MockTelnyxAuthProvider client={mock}>
          <RequireAuth
            signedOutFallback={(signIn) => (
              <button type="button" onClick={signIn}>
                signed out
              </button>
            )}
            loginOptions={{ prompt: 'login' }}
          >
            secret
          </RequireAuth>
        </MockTelnyxAuthProvider>,
      );
      await act(async () => {});
      expect(mock.calls.loginWithRedirect).toEqual([]);
      fireEvent.click(screen.getByRole('button', { name: 'signed out' }));
      expect(mock.calls.loginWithRedirect).toEqual([{ prompt: 'login' }]);
    },
  );

  it('signs out while mounted without starting a sign-in', async () => {
    const mock = createMockTelnyxAuth(mockAuthState.authenticated());
    render(
      <MockTelnyxAuthProvider client={mock}>
        <RequireAuth>secret</RequireAuth>
      </MockTelnyxAuthProvider>,
    );
    await act(() => mock.logout());
    expect(screen.getByRole('status').textContent).toBe('You are signed out.Sign in with Telnyx');
    expect(mock.calls.loginWithRedirect).toEqual([]);
  });

  it('renders a failed sign-in instead of redirecting again, and retries on request', async () => {
    const mock = createMockTelnyxAuth(mockAuthState.error('authorization_denied'));
    render(
      <MockTelnyxAuthProvider client={mock}>
        <RequireAuth
          errorFallback={(error, retry) => (
            <button type="button" onClick={retry}>
              {`failed: ${error.code}`}
            </button>
          )}
        >
          secret
        </RequireAuth>
      </MockTelnyxAuthProvider>,
    );
    await act(async () => {});
    expect(mock.calls.loginWithRedirect).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'failed: authorization_denied' }));
    await act(async () => {});
    expect(mock.calls.loginWithRedirect).toHaveLength(1);
  });

  it('renders the error when the redirect itself cannot start, without trying again', async () => {
    const mock = createMockTelnyxAuth(mockAuthState.unauthenticated(), {
      loginError: new TelnyxAuthError('discovery_failed', 'metadata unavailable'),
    });
    render(
      <MockTelnyxAuthProvider client={mock}>
        <RequireAuth>secret</RequireAuth>
      </MockTelnyxAuthProvider>,
    );
    await act(async () => {});
    expect(screen.getByRole('alert').textContent).toContain('discovery_failed');
    expect(mock.calls.loginWithRedirect).toHaveLength(1);
  });

  it('does not redirect on a recoverable error and keeps showing a kept session', async () => {
    const mock = createMockTelnyxAuth(mockAuthState.error('refresh_failed'));
    render(
      <MockTelnyxAuthProvider client={mock}>
        <RequireAuth>secret</RequireAuth>
      </MockTelnyxAuthProvider>,
    );
    await act(async () => {});
    expect(screen.getByText('secret')).toBeTruthy();
    expect(mock.calls.loginWithRedirect).toEqual([]);
  });
});

describe('RequireAuth and a sign-in that did not complete', () => {
  it('offers a retry instead of a spinner when core says the user came Back from the Telnyx page', async () => {
    const mock = createMockTelnyxAuth(mockAuthState.unauthenticated());
    render(
      <MockTelnyxAuthProvider client={mock}>
        <RequireAuth
          fallback={<p>Redirecting…</p>}
          errorFallback={(error, retry) => (
            <button type="button" onClick={retry}>
              {`not completed: ${error.code}`}
            </button>
          )}
        >
          secret
        </RequireAuth>
      </MockTelnyxAuthProvider>,
    );
    await act(async () => {});
    expect(mock.calls.loginWithRedirect).toHaveLength(1);
    expect(screen.getByText('Redirecting…')).toBeTruthy();

    // What core does on a back/forward-cache restore mid-redirect (client.bfcache.test.ts).
    const notCompleted = new TelnyxAuthError('login_required', 'not completed', { recoverable: true });
    act(() => mock.setState({ ...mockAuthState.unauthenticated(), error: notCompleted }));
    const retry = screen.getByRole('button', { name: 'not completed: login_required' });
    expect(mock.calls.loginWithRedirect).toHaveLength(1);
    fireEvent.click(retry);
    await act(async () => {});
    expect(mock.calls.loginWithRedirect).toHaveLength(2);
  });
});

describe('withAuthRequired', () => {
  it('wraps a component in RequireAuth and passes its props through', async () => {
    const Page = ({ title }: { title: string }) => <h1>{title}</h1>;
    const Protected = withAuthRequired(Page, { fallback: 'wait' });
    expect(Protected.displayName).toBe('withAuthRequired(Page)');
    const mock = createMockTelnyxAuth(mockAuthState.loading());
    render(
      <MockTelnyxAuthProvider client={mock}>
        <Protected title="Dashboard" />
      </MockTelnyxAuthProvider>,
    );
    expect(screen.getByText('wait')).toBeTruthy();
    await act(async () => mock.setState(mockAuthState.authenticated()));
    expect(screen.getByRole('heading', { name: 'Dashboard' })).toBeTruthy();
  });
});
