import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TelnyxAuthError } from '@telnyx-oauth/core';
import { SignInWithTelnyx } from './sign-in-with-telnyx.js';
import { createMockTelnyxAuth, MockTelnyxAuthProvider } from './testing/index.js';

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

  it('leaves the default returnTo (the current path) to core', () => {
    const mock = createMockTelnyxAuth();
    render(
      <MockTelnyxAuthProvider client={mock}>
        <SignInWithTelnyx />
      </MockTelnyxAuthProvider>,
    );
    fireEvent.click(screen.getByRole('button'));
    expect(mock.calls.loginWithRedirect).toEqual([{}]);
  });

  it('is disabled and aria-busy while a redirect is pending, so a double click signs in once', () => {
    const mock = createMockTelnyxAuth();
    render(
      <MockTelnyxAuthProvider client={mock}>
        <SignInWithTelnyx />
      </MockTelnyxAuthProvider>,
    );
    const button = screen.getByRole('button') as HTMLButtonElement;
    fireEvent.click(button);
    fireEvent.click(button);
    expect(button.getAttribute('aria-busy')).toBe('true');
    expect(button.disabled).toBe(true);
    expect(mock.calls.loginWithRedirect).toHaveLength(1);
    // Back from the Telnyx page (back/forward cache): core clears `pending`, and the button is usable again.
    act(() => mock.setState((state) => ({ ...state, pending: null })));
    expect(button.disabled).toBe(false);
  });

  it('becomes usable again and reports the error when the redirect cannot start', async () => {
    const errors: TelnyxAuthError[] = [];
    const mock = createMockTelnyxAuth(undefined, {
      loginError: new TelnyxAuthError('discovery_failed', 'down'),
    });
    render(
      <MockTelnyxAuthProvider client={mock}>
        <SignInWithTelnyx onError={(error) => errors.push(error)} />
      </MockTelnyxAuthProvider>,
    );
    const button = screen.getByRole('button') as HTMLButtonElement;
    await act(async () => fireEvent.click(button));
    expect(button.disabled).toBe(false);
    expect(button.getAttribute('aria-busy')).toBe('false');
    expect(errors.map((error) => error.code)).toEqual(['discovery_failed']);
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

  it('with popup, signs in with loginWithPopup (redirectIfBlocked passed on) and is busy while the window is open', async () => {
    const mock = createMockTelnyxAuth();
    render(
      <MockTelnyxAuthProvider client={mock}>
        <SignInWithTelnyx popup redirectIfBlocked scope="account_management.write" />
      </MockTelnyxAuthProvider>,
    );
    const button = screen.getByRole('button', { name: 'Sign in with Telnyx' });
    fireEvent.click(button);
    expect(mock.calls.loginWithPopup).toEqual([
      { scope: 'account_management.write', redirectIfBlocked: true },
    ]);
    expect(mock.calls.loginWithRedirect).toEqual([]);
    expect(button.getAttribute('aria-busy')).toBe('true'); // pending: 'popup'
    fireEvent.click(button); // disabled: no second window
    expect(mock.calls.loginWithPopup).toHaveLength(1);
    await act(async () => {});
    expect(button.getAttribute('aria-busy')).toBe('false');
    expect(mock.getSnapshot().status).toBe('authenticated');
  });

  it('with popup, reports a window that did not finish to onError and is usable again', async () => {
    const mock = createMockTelnyxAuth(undefined, {
      popupError: new TelnyxAuthError('popup_closed', 'closed'),
    });
    const errors: string[] = [];
    render(
      <MockTelnyxAuthProvider client={mock}>
        <SignInWithTelnyx popup onError={(error) => errors.push(error.code)} />
      </MockTelnyxAuthProvider>,
    );
    fireEvent.click(screen.getByRole('button'));
    await act(async () => {});
    expect(errors).toEqual(['popup_closed']);
    expect(screen.getByRole('button').getAttribute('aria-busy')).toBe('false');
  });
});
