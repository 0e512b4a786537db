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

  it('shows the fallback while loading, then redirects once with returnTo = current path', async () => {
    window.history.replaceState(null, '', '/reports/3?range=7d#chart');
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
    expect(mock.calls.loginWithRedirect).toEqual([
      { scope: 'account_management.read', returnTo: '/reports/3?range=7d#chart' },
    ]);
    expect(screen.getByText('wait')).toBeTruthy();
  });

  it('redirects again after a session ended (refresh rejected, signed out elsewhere)', async () => {
    const mock = createMockTelnyxAuth(mockAuthState.unauthenticated('refresh_rejected'));
    render(
      <MockTelnyxAuthProvider client={mock}>
        <RequireAuth>secret</RequireAuth>
      </MockTelnyxAuthProvider>,
    );
    await act(async () => {});
    expect(mock.calls.loginWithRedirect).toHaveLength(1);
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

describe('RequireAuth and the back/forward cache', () => {
  it('offers a retry instead of a spinner when the user comes Back from the Telnyx page', async () => {
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

    // The browser restores the page as it was when it left for Telnyx.
    act(() => {
      window.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true }));
    });
    const retry = screen.getByRole('button', { name: 'not completed: login_required' });
    expect(mock.calls.loginWithRedirect).toHaveLength(1);
    fireEvent.click(retry);
    await act(async () => {});
    expect(mock.calls.loginWithRedirect).toHaveLength(2);
  });

  it('ignores a page shown normally (not from the cache)', async () => {
    const mock = createMockTelnyxAuth(mockAuthState.unauthenticated());
    render(
      <MockTelnyxAuthProvider client={mock}>
        <RequireAuth fallback={<p>Redirecting…</p>}>secret</RequireAuth>
      </MockTelnyxAuthProvider>,
    );
    await act(async () => {});
    act(() => {
      window.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: false }));
    });
    expect(screen.getByText('Redirecting…')).toBeTruthy();
    expect(mock.calls.loginWithRedirect).toHaveLength(1);
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
