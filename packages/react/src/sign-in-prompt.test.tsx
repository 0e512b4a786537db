import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SignInPrompt } from './sign-in-prompt.js';

describe('SignInPrompt (the default UI of AuthCallback and RequireAuth)', () => {
  it.each([
    ['authorization_denied', 'Access was not allowed. (authorization_denied)'],
    ['unknown_state', 'This sign-in expired or was already used. (unknown_state)'],
    ['login_required', 'The sign-in was not finished. (login_required)'],
    ['network_error', 'Telnyx could not be reached. (network_error)'],
    ['popup_closed', 'The sign-in window was closed. (popup_closed)'],
    ['popup_blocked', 'The browser blocked the sign-in window. (popup_blocked)'],
  ])('says what %s means in words, and keeps the code visible', (code, text) => {
    render(<SignInPrompt code={code} signIn={() => undefined} />);
    const alert = screen.getByRole('alert');
    expect(alert.querySelector('p')?.textContent).toBe(text);
    expect(alert.getAttribute('data-telnyx-auth-error')).toBe(code);
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('shows any other code as it is', () => {
    render(<SignInPrompt code="issuer_mismatch" signIn={() => undefined} />);
    expect(screen.getByRole('alert').querySelector('p')?.textContent).toBe(
      'Sign-in with Telnyx did not complete. (issuer_mismatch)',
    );
  });

  it('without a code, says the user is signed out and offers to sign in', () => {
    render(<SignInPrompt signIn={() => undefined} />);
    expect(screen.getByRole('status').textContent).toBe('You are signed out.Sign in with Telnyx');
  });
});
