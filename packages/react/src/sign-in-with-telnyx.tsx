'use client';
import type { ButtonHTMLAttributes, CSSProperties, MouseEvent, ReactNode } from 'react';
import { TelnyxAuthError, type LoginOptions } from '@telnyx-oauth/core';
import { useTelnyxAuthClient } from './context.js';
import { useAuthState } from './use-auth-state.js';

/** The props of {@link SignInWithTelnyx}: its own, and any `<button>` prop. */
export interface SignInWithTelnyxProps extends Omit<
  ButtonHTMLAttributes<HTMLButtonElement>,
  'type' | 'onError'
> {
  /** Same-origin path to come back to. Default: the current pathname + search + hash at click time. */
  returnTo?: string;
  /** Scopes for this sign-in instead of the client's. */
  scope?: string | readonly string[];
  /** Any structured-cloneable value, handed back to <AuthCallback onSuccess>. */
  appState?: unknown;
  /** Other sign-in options (prompt, extra authorize parameters). */
  loginOptions?: Omit<LoginOptions, 'returnTo' | 'scope' | 'appState'>;
  /** The redirect could not start (e.g. discovery failed); the button is usable again. */
  onError?: (error: TelnyxAuthError) => void;
  /** Drop the default inline styles (keep only the `telnyx-signin` class) to style it entirely yourself. */
  unstyled?: boolean;
  /** The label. Default: "Sign in with Telnyx". */
  children?: ReactNode;
}

// Every value comes from a CSS variable with a fallback, so apps theme it without CSS-in-JS.
const baseStyle: CSSProperties = {
  display: 'inline-flex',
  alignItems: 'center',
  justifyContent: 'center',
  gap: '0.5em',
  padding: 'var(--telnyx-signin-padding, 0.625em 1.25em)',
  background: 'var(--telnyx-signin-bg, #00e3aa)',
  color: 'var(--telnyx-signin-color, #000000)',
  border: 'var(--telnyx-signin-border, 1px solid transparent)',
  borderRadius: 'var(--telnyx-signin-radius, 6px)',
  font: 'var(--telnyx-signin-font, 600 1rem/1.25 system-ui, sans-serif)',
  cursor: 'pointer',
};
const busyStyle: CSSProperties = { cursor: 'progress', opacity: 'var(--telnyx-signin-busy-opacity, 0.7)' };

/**
 * A real `<button>` that starts "Sign in with Telnyx" (`loginWithRedirect`). While a redirect is under way
 * (the snapshot's `pending`) it is `disabled` and `aria-busy`, so a double click signs in once; if the redirect
 * cannot start, it is usable again and `onError` is called. Keyboard and focus ring come from the native
 * button (see `signInWithTelnyxCss` for hover/focus-visible styles).
 */
export function SignInWithTelnyx(props: SignInWithTelnyxProps): ReactNode {
  const { returnTo, scope, appState, loginOptions, onError, unstyled, ...button } = props;
  const client = useTelnyxAuthClient();
  const busy = useAuthState((s) => s.pending === 'redirecting');
  const onClick = (event: MouseEvent<HTMLButtonElement>): void => {
    button.onClick?.(event);
    if (event.defaultPrevented || client.getSnapshot().pending === 'redirecting') return;
    client
      .loginWithRedirect({ ...loginOptions, returnTo, scope, appState })
      .catch((error: unknown) => onError?.(TelnyxAuthError.from(error)));
  };
  return (
    <button
      {...button}
      type="button"
      className={button.className ? `telnyx-signin ${button.className}` : 'telnyx-signin'}
      style={unstyled ? button.style : { ...baseStyle, ...(busy && busyStyle), ...button.style }}
      disabled={busy || button.disabled}
      aria-busy={busy}
      onClick={onClick}
    >
      {button.children ?? 'Sign in with Telnyx'}
    </button>
  );
}
