import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useAuth } from '../use-auth.js';
import { RequireAuth } from '../require-auth.js';
import { SignInWithTelnyx } from '../sign-in-with-telnyx.js';
import { createMockTelnyxAuth, mockAuthState, MockTelnyxAuthProvider } from './index.js';

function Status() {
  const { status, error } = useAuth();
  return <span>{error ? `${status}:${error.code}` : status}</span>;
}

describe('MockTelnyxAuthProvider', () => {
  it.each([
    ['loading', mockAuthState.loading(), 'loading'],
    ['authenticated', mockAuthState.authenticated(), 'authenticated'],
    ['unauthenticated', mockAuthState.unauthenticated(), 'unauthenticated'],
    ['a failed sign-in', mockAuthState.error('authorization_denied'), 'unauthenticated:authorization_denied'],
    ['a recoverable error', mockAuthState.error('refresh_failed'), 'error:refresh_failed'],
  ])('renders app components in the %s state', (_name, state, text) => {
    render(
      <MockTelnyxAuthProvider state={state}>
        <Status />
      </MockTelnyxAuthProvider>,
    );
    expect(screen.getByText(text)).toBeTruthy();
  });

  it('moves to a new state passed on rerender', () => {
    const view = render(
      <MockTelnyxAuthProvider state={mockAuthState.authenticated()}>
        <Status />
      </MockTelnyxAuthProvider>,
    );
    view.rerender(
      <MockTelnyxAuthProvider state={mockAuthState.unauthenticated('remote_logout')}>
        <Status />
      </MockTelnyxAuthProvider>,
    );
    expect(screen.getByText('unauthenticated')).toBeTruthy();
  });

  it('lets a test drive a mock it created mid-test and read the calls components made', () => {
    const mock = createMockTelnyxAuth(mockAuthState.loading());
    render(
      <MockTelnyxAuthProvider client={mock}>
        <RequireAuth fallback={<span>wait</span>}>
          <span>secret</span>
        </RequireAuth>
      </MockTelnyxAuthProvider>,
    );
    expect(screen.getByText('wait')).toBeTruthy();
    act(() => mock.setState(mockAuthState.authenticated()));
    expect(screen.getByText('secret')).toBeTruthy();
    expect(mock.calls.loginWithRedirect).toEqual([]);
  });
});

describe('the README example', () => {
  function Header() {
    const { isAuthenticated, logout } = useAuth();
    return isAuthenticated ? (
      <button type="button" onClick={() => void logout()}>
        Sign out
      </button>
    ) : (
      <SignInWithTelnyx />
    );
  }

  it('shows the account menu when signed in', () => {
    render(
      <MockTelnyxAuthProvider state={mockAuthState.authenticated({ scope: ['account_management.read'] })}>
        <Header />
      </MockTelnyxAuthProvider>,
    );
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();
  });

  it('signs out, and follows a sign-out in another tab', async () => {
    const auth = createMockTelnyxAuth(mockAuthState.authenticated());
    render(
      <MockTelnyxAuthProvider client={auth}>
        <Header />
      </MockTelnyxAuthProvider>,
    );
    await act(async () => screen.getByRole('button', { name: 'Sign out' }).click());
    expect(auth.calls.logout).toHaveLength(1);

    act(() => auth.setState(mockAuthState.authenticated()));
    act(() => auth.setState(mockAuthState.unauthenticated('remote_logout')));
    expect(screen.getByRole('button', { name: 'Sign in with Telnyx' })).toBeTruthy();
  });
});
