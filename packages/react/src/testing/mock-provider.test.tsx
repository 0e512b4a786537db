import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useAuth } from '../use-auth.js';
import { RequireAuth } from '../require-auth.js';
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
