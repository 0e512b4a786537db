/**
 * Optional stylesheet for <SignInWithTelnyx>: hover, active and focus-visible states, which inline styles
 * cannot express. Under a strict Content-Security-Policy (`style-src 'self'`, no inline styles) import the
 * same rules as a file: `import '@telnyx-oauth/react/sign-in-with-telnyx.css'` (or link it). Otherwise add
 * this string once, e.g. `<style>{signInWithTelnyxCss}</style>`. Without either the button still has its
 * colours (inline, from the CSS variables) and the browser's focus ring.
 *
 * Theme with CSS variables on the button or any ancestor:
 *   --telnyx-signin-bg, --telnyx-signin-color, --telnyx-signin-border, --telnyx-signin-radius,
 *   --telnyx-signin-padding, --telnyx-signin-font, --telnyx-signin-hover-bg, --telnyx-signin-active-bg,
 *   --telnyx-signin-focus-ring, --telnyx-signin-busy-opacity
 */
export const signInWithTelnyxCss = `
.telnyx-signin:hover:not(:disabled) { --telnyx-signin-bg: var(--telnyx-signin-hover-bg, #00c896); }
.telnyx-signin:active:not(:disabled) { --telnyx-signin-bg: var(--telnyx-signin-active-bg, #00b085); }
.telnyx-signin:focus-visible { outline: var(--telnyx-signin-focus-ring, 3px solid #1a56db); outline-offset: 2px; }
@media (prefers-reduced-motion: no-preference) { .telnyx-signin { transition: background-color 120ms ease; } }
`.trim();
