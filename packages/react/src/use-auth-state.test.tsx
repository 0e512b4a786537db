import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createMockTelnyxAuth, mockAuthState, MockTelnyxAuthProvider } from './testing/index.js';
import { shallowEqual, useAuthState } from './use-auth-state.js';
import { useIsAuthenticated } from './use-is-authenticated.js';

describe('useAuthState', () => {
  it('re-renders only when the selected value changes', () => {
    const mock = createMockTelnyxAuth(mockAuthState.authenticated({ scope: ['a'], expiresAt: 1 }));
    let renders = 0;
    function CanWrite() {
      renders += 1;
      const canWrite = useAuthState((s) => s.scope.includes('oauth_clients.write'));
      return <span>{canWrite ? 'yes' : 'no'}</span>;
    }
    render(
      <MockTelnyxAuthProvider client={mock}>
        <CanWrite />
      </MockTelnyxAuthProvider>,
    );
    const afterMount = renders;
    act(() => mock.setState(mockAuthState.authenticated({ scope: ['a'], expiresAt: 2 })));
    expect(renders).toBe(afterMount);
    act(() => mock.setState(mockAuthState.authenticated({ scope: ['oauth_clients.write'], expiresAt: 3 })));
    expect(screen.getByText('yes')).toBeTruthy();
    expect(renders).toBe(afterMount + 1);
  });

  it('accepts selectors that build a new object each time when given shallowEqual', () => {
    const mock = createMockTelnyxAuth(mockAuthState.authenticated({ expiresAt: 1 }));
    let renders = 0;
    function Status() {
      renders += 1;
      const { status, isAuthenticated } = useAuthState(
        (s) => ({ status: s.status, isAuthenticated: s.isAuthenticated }),
        shallowEqual,
      );
      return <span>{`${status}/${isAuthenticated}`}</span>;
    }
    render(
      <MockTelnyxAuthProvider client={mock}>
        <Status />
      </MockTelnyxAuthProvider>,
    );
    const afterMount = renders;
    act(() => mock.setState(mockAuthState.authenticated({ expiresAt: 2 })));
    expect(renders).toBe(afterMount);
    act(() => mock.setState(mockAuthState.refreshing({ expiresAt: 2 })));
    expect(screen.getByText('refreshing/true')).toBeTruthy();
  });
});

describe('shallowEqual', () => {
  it('compares own keys with Object.is', () => {
    expect(shallowEqual({ a: 1, b: 'x' }, { a: 1, b: 'x' })).toBe(true);
    expect(shallowEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(shallowEqual({ a: [] }, { a: [] })).toBe(false);
    expect(shallowEqual([1, 2], [1, 2])).toBe(true);
    expect(shallowEqual(null, {})).toBe(false);
  });
});

describe('useIsAuthenticated', () => {
  it('follows sign-in and sign-out but not refreshes', () => {
    const mock = createMockTelnyxAuth(mockAuthState.loading());
    let renders = 0;
    function Flag() {
      renders += 1;
      return <span>{useIsAuthenticated() ? 'in' : 'out'}</span>;
    }
    render(
      <MockTelnyxAuthProvider client={mock}>
        <Flag />
      </MockTelnyxAuthProvider>,
    );
    expect(screen.getByText('out')).toBeTruthy();
    act(() => mock.setState(mockAuthState.authenticated({ expiresAt: 1 })));
    expect(screen.getByText('in')).toBeTruthy();
    const signedIn = renders;
    act(() => mock.setState(mockAuthState.refreshing({ expiresAt: 1 })));
    act(() => mock.setState(mockAuthState.authenticated({ expiresAt: 2 })));
    expect(renders).toBe(signedIn);
    act(() => mock.setState(mockAuthState.unauthenticated('remote_logout')));
    expect(screen.getByText('out')).toBeTruthy();
  });
});
