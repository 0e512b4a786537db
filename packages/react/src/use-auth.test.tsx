import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  createMockTelnyxAuth,
  mockAuthState,
  MockTelnyxAuthProvider,
  type MockTelnyxAuth,
} from './testing/index.js';
import { useAuth, type UseAuthResult } from './use-auth.js';

/** Renders a component that calls useAuth() under `mock`; returns a reader of its latest result. */
function renderUseAuth(mock: MockTelnyxAuth): () => UseAuthResult | undefined {
  let auth: UseAuthResult | undefined;
  function Probe() {
    auth = useAuth();
    return null;
  }
  render(
    <MockTelnyxAuthProvider client={mock}>
      <Probe />
    </MockTelnyxAuthProvider>,
  );
  return () => auth;
}

describe('useAuth', () => {
  it('returns the session fields and actions bound to the client', async () => {
    const mock = createMockTelnyxAuth(mockAuthState.authenticated({ scope: ['a', 'b'], expiresAt: 42 }));
    const auth = renderUseAuth(mock);
    expect({ ...auth() }).toMatchObject({
      status: 'authenticated',
      isLoading: false,
      isAuthenticated: true,
      error: null,
      scope: ['a', 'b'],
      expiresAt: 42,
    });
    await auth()?.login({ returnTo: '/x' });
    await auth()?.getAccessToken();
    await act(() => auth()?.logout());
    expect(mock.calls.loginWithRedirect).toEqual([{ returnTo: '/x' }]);
    expect(mock.calls.getAccessToken).toHaveLength(1);
    expect(mock.calls.logout).toHaveLength(1);
    expect(auth()?.isAuthenticated).toBe(false);
  });

  it('passes login() options to core unchanged (core defaults returnTo to the current path)', async () => {
    const mock = createMockTelnyxAuth(mockAuthState.unauthenticated());
    const auth = renderUseAuth(mock);
    await auth()?.login({ scope: 'billing.read' });
    expect(mock.calls.loginWithRedirect).toEqual([{ scope: 'billing.read' }]);
  });

  it('does not re-render a component that reads only isAuthenticated when the token is refreshed', () => {
    const mock = createMockTelnyxAuth(mockAuthState.authenticated({ expiresAt: 1_000 }));
    let renders = 0;
    function SignedIn() {
      renders += 1;
      const { isAuthenticated } = useAuth();
      return <span>{isAuthenticated ? 'in' : 'out'}</span>;
    }
    render(
      <MockTelnyxAuthProvider client={mock}>
        <SignedIn />
      </MockTelnyxAuthProvider>,
    );
    const afterMount = renders;
    act(() => mock.setState(mockAuthState.refreshing({ expiresAt: 1_000 })));
    act(() => mock.setState(mockAuthState.authenticated({ expiresAt: 2_000 })));
    expect(renders).toBe(afterMount);
    act(() => mock.setState(mockAuthState.unauthenticated('remote_logout')));
    expect(screen.getByText('out')).toBeTruthy();
    expect(renders).toBe(afterMount + 1);
  });

  it('re-renders a component that reads expiresAt on every refresh', () => {
    const mock = createMockTelnyxAuth(mockAuthState.authenticated({ expiresAt: 1_000 }));
    let renders = 0;
    function Expiry() {
      renders += 1;
      const { expiresAt } = useAuth();
      return <span>{String(expiresAt)}</span>;
    }
    render(
      <MockTelnyxAuthProvider client={mock}>
        <Expiry />
      </MockTelnyxAuthProvider>,
    );
    const afterMount = renders;
    act(() => mock.setState(mockAuthState.authenticated({ expiresAt: 2_000 })));
    expect(screen.getByText('2000')).toBeTruthy();
    expect(renders).toBe(afterMount + 1);
  });

  it('shows the current value of a field first read after it changed unseen', () => {
    const mock = createMockTelnyxAuth(mockAuthState.authenticated({ expiresAt: 1_000 }));
    function Maybe({ showExpiry }: { showExpiry: boolean }) {
      const auth = useAuth();
      return <span>{showExpiry ? `expires ${auth.expiresAt}` : `in ${auth.isAuthenticated}`}</span>;
    }
    const view = render(
      <MockTelnyxAuthProvider client={mock}>
        <Maybe showExpiry={false} />
      </MockTelnyxAuthProvider>,
    );
    act(() => mock.setState(mockAuthState.authenticated({ expiresAt: 5_000 })));
    view.rerender(
      <MockTelnyxAuthProvider client={mock}>
        <Maybe showExpiry />
      </MockTelnyxAuthProvider>,
    );
    expect(screen.getByText('expires 5000')).toBeTruthy();
  });

  it('keeps its actions stable across renders', () => {
    const mock = createMockTelnyxAuth(mockAuthState.authenticated({ expiresAt: 1 }));
    const seen: UseAuthResult[] = [];
    function Probe() {
      const auth = useAuth();
      seen.push(auth);
      return <span>{auth.expiresAt}</span>;
    }
    render(
      <MockTelnyxAuthProvider client={mock}>
        <Probe />
      </MockTelnyxAuthProvider>,
    );
    act(() => mock.setState(mockAuthState.authenticated({ expiresAt: 2 })));
    const first = seen[0];
    const last = seen[seen.length - 1];
    expect(first).not.toBe(last);
    expect(last?.login).toBe(first?.login);
    expect(last?.logout).toBe(first?.logout);
    expect(last?.getAccessToken).toBe(first?.getAccessToken);
  });

  it('throws a typed error outside a provider', () => {
    function Orphan() {
      useAuth();
      return null;
    }
    const onError = (event: ErrorEvent) => event.preventDefault();
    window.addEventListener('error', onError);
    try {
      expect(() => render(<Orphan />)).toThrow(expect.objectContaining({ code: 'invalid_options' }));
    } finally {
      window.removeEventListener('error', onError);
    }
  });
});

describe('useAuth().login', () => {
  it('redirects by default and signs in with a popup when asked, never sending `popup` as a parameter', async () => {
    const mock = createMockTelnyxAuth(mockAuthState.authenticated({ scope: ['account_management.read'] }));
    const auth = renderUseAuth(mock);
    await act(() => auth()?.login({ returnTo: '/x' }));
    await act(() =>
      auth()?.login({ popup: true, scope: 'account_management.write', redirectIfBlocked: true }),
    );
    expect(mock.calls.loginWithRedirect).toEqual([{ returnTo: '/x' }]);
    expect(mock.calls.loginWithPopup).toEqual([
      { scope: 'account_management.write', redirectIfBlocked: true },
    ]);
    expect(mock.getSnapshot().scope).toEqual(['account_management.write', 'account_management.read']);
  });
});
