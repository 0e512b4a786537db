'use client';
import {
  useEffect,
  useState,
  type ButtonHTMLAttributes,
  type CSSProperties,
  type MouseEvent,
  type ReactNode,
} from 'react';
import type { LoginOptions, TelnyxAuthError } from '@telnyx-oauth/core';
import { useTelnyxAuthClient } from './context.js';
import { currentPath } from './navigate.js';
import { toAuthError } from './to-auth-error.js';

export interface SignInWithTelnyxProps extends Omit<
  ButtonHTMLAttributes<HTMLButtonElement>,
  'type' | 'onError'
> {
  /** Same-origin path to come back to. Default: the current pathname + search + hash at click time. */
  returnTo?: string;
  scope?: string | readonly string[];
  /** Any structured-cloneable value, handed back to <AuthCallback onSuccess>. */
  appState?: unknown;
  /** Other sign-in options (prompt, extra authorize parameters). */
  loginOptions?: Omit<LoginOptions, 'returnTo' | 'scope' | 'appState'>;
  /** The redirect could not start (e.g. discovery failed); the button is usable again. */
  onError?: (error: TelnyxAuthError) => void;
  /** Drop the default inline styles (keep only the `telnyx-signin` class) to style it entirely yourself. */
  unstyled?: boolean;
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
const busyStyle: CSSProperties = {
  ...baseStyle,
  cursor: 'progress',
  opacity: 'var(--telnyx-signin-busy-opacity, 0.7)',
};

/**
 * A real <button> that starts "Sign in with Telnyx". While the redirect starts it is `disabled` and
 * `aria-busy`; if it cannot start, it becomes usable again and `onError` is called. Keyboard and focus
 * ring come from the native button (see `signInWithTelnyxCss` for hover/focus-visible styles).
 */
export function SignInWithTelnyx(props: SignInWithTelnyxProps): ReactNode {
  const {
    returnTo,
    scope,
    appState,
    loginOptions,
    onError,
    unstyled = false,
    children = 'Sign in with Telnyx',
    className,
    style,
    disabled,
    onClick,
    ...buttonProps
  } = props;
  const client = useTelnyxAuthClient();
  const [busy, setBusy] = useState(false);

  // Back from the Telnyx page restores this page from the back/forward cache still busy: free the button.
  useEffect(() => {
    const onPageShow = (event: PageTransitionEvent): void => {
      if (event.persisted) setBusy(false);
    };
    window.addEventListener('pageshow', onPageShow);
    return () => window.removeEventListener('pageshow', onPageShow);
  }, []);

  const handleClick = (event: MouseEvent<HTMLButtonElement>): void => {
    onClick?.(event);
    if (event.defaultPrevented || busy) return;
    setBusy(true);
    const options: LoginOptions = { ...loginOptions, returnTo: returnTo ?? currentPath() };
    if (scope !== undefined) options.scope = scope;
    if (appState !== undefined) options.appState = appState;
    client.loginWithRedirect(options).catch((error: unknown) => {
      setBusy(false);
      onError?.(toAuthError(error));
    });
  };

  return (
    <button
      {...buttonProps}
      type="button"
      className={className === undefined ? 'telnyx-signin' : `telnyx-signin ${className}`}
      style={unstyled ? style : { ...(busy ? busyStyle : baseStyle), ...style }}
      disabled={busy || disabled}
      aria-busy={busy}
      onClick={handleClick}
    >
      {children}
    </button>
  );
}
