import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TelnyxAuthError, type TelnyxAuth } from '@telnyx-oauth/core';
import { TelnyxAuthContext } from './context.js';
import { SignInWithTelnyx } from './sign-in-with-telnyx.js';
import { createMockTelnyxAuth, mockAuthState, MockTelnyxAuthProvider } from './testing/index.js';

/** A client whose loginWithRedirect stays pending until the test settles it. */
function pendingLogin() {
  const mock = createMockTelnyxAuth(mockAuthState.unauthenticated());
  let settle: { resolve: () => void; reject: (error: unknown) => void } | undefined;
  const client: TelnyxAuth = {
    ...mock,
    loginWithRedirect: (options) => {
      mock.calls.loginWithRedirect.push(options ?? {});
      return new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    },
  };
  return { mock, client, settle: () => settle };
}

describe('SignInWithTelnyx', () => {
  it('is a real, focusable button with the default label', () => {
    render(
      <MockTelnyxAuthProvider>
        <SignInWithTelnyx />
      </MockTelnyxAuthProvider>,
    );
    const button = screen.getByRole('button', { name: 'Sign in with Telnyx' });
    expect(button.tagName).toBe('BUTTON');
    expect(button.getAttribute('type')).toBe('button');
    button.focus();
    expect(document.activeElement).toBe(button);
    expect(button.getAttribute('aria-busy')).toBe('false');
  });

  it('starts sign-in with returnTo, scope and appState', () => {
    const mock = createMockTelnyxAuth();
    render(
      <MockTelnyxAuthProvider client={mock}>
        <SignInWithTelnyx
          returnTo="/settings?tab=apps"
          scope={['oauth_clients.read']}
          appState={{ from: 'nav' }}
        >
          Continue with Telnyx
        </SignInWithTelnyx>
      </MockTelnyxAuthProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Continue with Telnyx' }));
    expect(mock.calls.loginWithRedirect).toEqual([
      { returnTo: '/settings?tab=apps', scope: ['oauth_clients.read'], appState: { from: 'nav' } },
    ]);
  });

  it('returns to the current path by default', () => {
    window.history.replaceState(null, '', '/projects/7?view=list#top');
    const mock = createMockTelnyxAuth();
    render(
      <MockTelnyxAuthProvider client={mock}>
        <SignInWithTelnyx />
      </MockTelnyxAuthProvider>,
    );
    fireEvent.click(screen.getByRole('button'));
    expect(mock.calls.loginWithRedirect[0]?.returnTo).toBe('/projects/7?view=list#top');
  });

  it('is disabled and aria-busy while the redirect starts, so a double click signs in once', () => {
    const { mock, client } = pendingLogin();
    render(
      <TelnyxAuthContext.Provider value={client}>
        <SignInWithTelnyx />
      </TelnyxAuthContext.Provider>,
    );
    const button = screen.getByRole('button');
    fireEvent.click(button);
    fireEvent.click(button);
    expect(button.getAttribute('aria-busy')).toBe('true');
    expect((button as HTMLButtonElement).disabled).toBe(true);
    expect(mock.calls.loginWithRedirect).toHaveLength(1);
  });

  it('becomes usable again and reports the error when the redirect cannot start', async () => {
    const { client, settle } = pendingLogin();
    const errors: TelnyxAuthError[] = [];
    render(
      <TelnyxAuthContext.Provider value={client}>
        <SignInWithTelnyx onError={(error) => errors.push(error)} />
      </TelnyxAuthContext.Provider>,
    );
    const button = screen.getByRole('button');
    fireEvent.click(button);
    await act(async () => settle()?.reject(new TelnyxAuthError('discovery_failed', 'down')));
    expect((button as HTMLButtonElement).disabled).toBe(false);
    expect(button.getAttribute('aria-busy')).toBe('false');
    expect(errors.map((error) => error.code)).toEqual(['discovery_failed']);
  });

  it('is freed when the page comes back from the back/forward cache mid-redirect', () => {
    const { client } = pendingLogin();
    render(
      <TelnyxAuthContext.Provider value={client}>
        <SignInWithTelnyx />
      </TelnyxAuthContext.Provider>,
    );
    const button = screen.getByRole('button') as HTMLButtonElement;
    fireEvent.click(button);
    expect(button.disabled).toBe(true);
    const restored = Object.assign(new Event('pageshow'), { persisted: true });
    act(() => {
      window.dispatchEvent(restored);
    });
    expect(button.disabled).toBe(false);
  });

  it('themes through CSS variables with fallbacks, keeps className and can drop its styles', () => {
    const view = render(
      <MockTelnyxAuthProvider>
        <SignInWithTelnyx className="wide" />
      </MockTelnyxAuthProvider>,
    );
    const button = screen.getByRole('button');
    expect(button.className).toBe('telnyx-signin wide');
    expect(button.getAttribute('style')).toContain('var(--telnyx-signin-bg');
    view.rerender(
      <MockTelnyxAuthProvider>
        <SignInWithTelnyx unstyled />
      </MockTelnyxAuthProvider>,
    );
    expect(screen.getByRole('button').getAttribute('style')).toBeNull();
  });

  it('lets an onClick handler cancel the sign-in', () => {
    const mock = createMockTelnyxAuth();
    render(
      <MockTelnyxAuthProvider client={mock}>
        <SignInWithTelnyx onClick={(event) => event.preventDefault()} />
      </MockTelnyxAuthProvider>,
    );
    fireEvent.click(screen.getByRole('button'));
    expect(mock.calls.loginWithRedirect).toEqual([]);
  });
});
