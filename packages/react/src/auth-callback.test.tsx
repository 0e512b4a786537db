import { act, fireEvent, render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { TelnyxAuthError } from '@telnyx-oauth/core';
import { AuthCallback } from './auth-callback.js';
import { RequireAuth } from './require-auth.js';
import { createMockTelnyxAuth, mockAuthState, MockTelnyxAuthProvider } from './testing/index.js';

const CALLBACK = 'http://localhost:3000/callback?code=abc&state=xyz';

describe('AuthCallback (mock client)', () => {
  it('handles the callback once under StrictMode and calls onSuccess once', async () => {
    const mock = createMockTelnyxAuth(mockAuthState.loading(), {
      callback: { returnTo: '/projects', appState: { tab: 'keys' } },
    });
    const successes: unknown[] = [];
    render(
      <StrictMode>
        <MockTelnyxAuthProvider client={mock}>
          <AuthCallback
            url={CALLBACK}
            fallback="finishing"
            onSuccess={(returnTo, appState) => successes.push([returnTo, appState])}
          />
        </MockTelnyxAuthProvider>
      </StrictMode>,
    );
    expect(screen.getByText('finishing')).toBeTruthy();
    await act(async () => {});
    // StrictMode asks twice; core answers both from one exchange (auth-callback.dev-server.test.tsx).
    expect(new Set(mock.calls.handleRedirectCallback)).toEqual(new Set([CALLBACK]));
    expect(successes).toEqual([['/projects', { tab: 'keys' }]]);
  });

  it('in a popup window, closes it under StrictMode, never navigates, and says so if it stays open', async () => {
    const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
    try {
      const mock = createMockTelnyxAuth(mockAuthState.loading(), {
        callback: { returnTo: '/projects', appState: undefined, popup: true },
      });
      const successes: string[] = [];
      render(
        <StrictMode>
          <MockTelnyxAuthProvider client={mock}>
            <AuthCallback
              url={CALLBACK}
              fallback="finishing"
              onSuccess={(returnTo) => successes.push(returnTo)}
            />
          </MockTelnyxAuthProvider>
        </StrictMode>,
      );
      await act(async () => {});
      expect(close).toHaveBeenCalledTimes(1);
      expect(successes).toEqual([]);
      expect(screen.getByRole('status').textContent).toBe('You can close this window.');
    } finally {
      close.mockRestore();
    }
  });

  it('in a popup window, renders popupFallback instead of the default message', async () => {
    const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
    try {
      const mock = createMockTelnyxAuth(mockAuthState.loading(), {
        callback: { returnTo: '/', appState: undefined, popup: true },
      });
      render(
        <MockTelnyxAuthProvider client={mock}>
          <AuthCallback url={CALLBACK} popupFallback={<p>Done: back to the editor.</p>} />
        </MockTelnyxAuthProvider>,
      );
      expect(await screen.findByText('Done: back to the editor.')).toBeTruthy();
    } finally {
      close.mockRestore();
    }
  });

  it('navigates with history.replaceState and a popstate event by default', async () => {
    window.history.replaceState(null, '', '/callback?code=abc&state=xyz');
    const mock = createMockTelnyxAuth(mockAuthState.unauthenticated(), {
      callback: { returnTo: '/after?x=1', appState: undefined },
    });
    const pops: string[] = [];
    const onPop = () => pops.push(window.location.pathname + window.location.search);
    window.addEventListener('popstate', onPop);
    try {
      render(
        <MockTelnyxAuthProvider client={mock}>
          <AuthCallback />
        </MockTelnyxAuthProvider>,
      );
      await act(async () => {});
    } finally {
      window.removeEventListener('popstate', onPop);
    }
    expect(window.location.pathname + window.location.search).toBe('/after?x=1');
    expect(pops).toEqual(['/after?x=1']);
  });

  it('renders errorFallback on failure; retry starts a new sign-in; guards show the error too', async () => {
    const mock = createMockTelnyxAuth(mockAuthState.loading(), {
      callback: new TelnyxAuthError('unknown_state', 'no transaction for this state'),
    });
    render(
      <MockTelnyxAuthProvider client={mock}>
        <AuthCallback
          url={CALLBACK}
          retryOptions={{ returnTo: '/home' }}
          errorFallback={(error, retry) => (
            <button type="button" onClick={retry}>
              {`callback failed: ${error.code}`}
            </button>
          )}
        />
        <RequireAuth errorFallback={(error) => <p>{`guard: ${error.code}`}</p>}>secret</RequireAuth>
      </MockTelnyxAuthProvider>,
    );
    await act(async () => {});
    expect(screen.getByText('guard: unknown_state')).toBeTruthy();
    expect(mock.calls.loginWithRedirect).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'callback failed: unknown_state' }));
    await act(async () => {});
    expect(mock.calls.loginWithRedirect).toEqual([{ returnTo: '/home' }]);
  });

  it('lets a guard show the failure of a callback whose route unmounted before it finished', async () => {
    const mock = createMockTelnyxAuth(mockAuthState.loading(), {
      callback: new TelnyxAuthError('code_exchange_failed', 'token endpoint unavailable'),
    });
    const callbackRoute = render(
      <MockTelnyxAuthProvider client={mock}>
        <AuthCallback url={CALLBACK} />
      </MockTelnyxAuthProvider>,
    );
    callbackRoute.unmount(); // the app navigated away while the code was being exchanged
    render(
      <MockTelnyxAuthProvider client={mock}>
        <RequireAuth fallback={<p>waiting</p>} errorFallback={(error) => <p>{`guard: ${error.code}`}</p>}>
          secret
        </RequireAuth>
      </MockTelnyxAuthProvider>,
    );
    await act(async () => {});
    expect(screen.getByText('guard: code_exchange_failed')).toBeTruthy();
    expect(mock.calls.loginWithRedirect).toEqual([]);
  });

  it('goes home when the callback page is reloaded after a successful sign-in', async () => {
    const mock = createMockTelnyxAuth(mockAuthState.authenticated());
    const successes: string[] = [];
    render(
      <MockTelnyxAuthProvider client={mock}>
        <AuthCallback
          url="http://localhost:3000/callback"
          onSuccess={(returnTo) => successes.push(returnTo)}
        />
      </MockTelnyxAuthProvider>,
    );
    await act(async () => {});
    expect(successes).toEqual(['/']);
    expect(mock.calls.handleRedirectCallback).toEqual(['http://localhost:3000/callback']); // not_a_callback
  });

  it('explains a visit without an authorization response when signed out', async () => {
    const mock = createMockTelnyxAuth(mockAuthState.unauthenticated());
    render(
      <MockTelnyxAuthProvider client={mock}>
        <AuthCallback url="http://localhost:3000/callback" />
      </MockTelnyxAuthProvider>,
    );
    await act(async () => {});
    expect(screen.getByRole('alert').textContent).toContain('not_a_callback');
  });
});
