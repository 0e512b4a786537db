'use client';
import type { ButtonHTMLAttributes, CSSProperties, MouseEvent, ReactNode } from 'react';
import { TelnyxAuthError, type PopupLoginOptions } from '@telnyx-oauth/core';
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
  /** Other sign-in options (prompt, extra authorize parameters, `popupTimeout`). */
  loginOptions?: Omit<PopupLoginOptions, 'returnTo' | 'scope' | 'appState' | 'redirectIfBlocked'>;
  /**
   * Sign in in a popup window (`loginWithPopup`) instead of leaving the page. The provider needs
   * `popup={popupSupport()}` from `@telnyx-oauth/core/popup`.
   */
  popup?: boolean;
  /** With `popup`: when the browser blocks the window, sign in with a redirect instead. */
  redirectIfBlocked?: boolean;
  /**
   * The sign-in could not start (e.g. discovery failed) or, with `popup`, did not finish (`popup_closed`,
   * `popup_blocked`, `authorization_denied`...); the button is usable again.
   */
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

/** A sign-in started here is under way: a redirect leaving the page, or a popup window open. */
const started = (pending: string | null): boolean => pending === 'redirecting' || pending === 'popup';

/**
 * A real `<button>` that starts "Sign in with Telnyx" (`loginWithRedirect`, or with `popup` `loginWithPopup`,
 * opened within the click). While a sign-in is under way (the snapshot's `pending`) it is `disabled` and
 * `aria-busy`, so a double click signs in once; if it cannot start or the popup does not finish, it is usable
 * again and `onError` is called. Keyboard and focus ring come from the native button (see
 * `signInWithTelnyxCss` for hover/focus-visible styles).
 */
export function SignInWithTelnyx(props: SignInWithTelnyxProps): ReactNode {
  const { returnTo, scope, appState, loginOptions, onError, unstyled, popup, redirectIfBlocked, ...button } =
    props;
  const client = useTelnyxAuthClient();
  const busy = useAuthState((s) => started(s.pending));
  const onClick = (event: MouseEvent<HTMLButtonElement>): void => {
    button.onClick?.(event);
    if (event.defaultPrevented || started(client.getSnapshot().pending)) return;
    const options = { ...loginOptions, returnTo, scope, appState };
    (popup
      ? client.loginWithPopup({ ...options, redirectIfBlocked })
      : client.loginWithRedirect(options)
    ).catch((error: unknown) => onError?.(TelnyxAuthError.from(error)));
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
