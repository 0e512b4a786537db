'use client';
/** @telnyx-oauth/react: bindings, each a few lines over core's store and methods. `./testing`: the mock. */
export { TelnyxAuthProvider, type TelnyxAuthProviderProps } from './provider.js';
export type { TelnyxAuthProviderClientProps, TelnyxAuthProviderOptionsProps } from './provider.js';
export { TelnyxAuthContext, useTelnyxAuthClient } from './context.js';
export { useAuth, type UseAuthLoginOptions, type UseAuthResult } from './use-auth.js';
export { useHasScope } from './use-has-scope.js';
export { useAuthState, shallowEqual } from './use-auth-state.js';
export { useIsAuthenticated } from './use-is-authenticated.js';
export { useAccessToken, type UseAccessTokenResult } from './use-access-token.js';
export { useTelnyxAPI, type TelnyxAPIOptions } from './use-telnyx-api.js';
export { AuthCallback, type AuthCallbackProps } from './auth-callback.js';
export { RequireAuth, type RequireAuthOptions, type RequireAuthProps } from './require-auth.js';
export { withAuthRequired } from './with-auth-required.js';
export { SignInWithTelnyx, type SignInWithTelnyxProps } from './sign-in-with-telnyx.js';
export { signInWithTelnyxCss } from './sign-in-styles.js';
// Re-exported so that React apps need a single import for types and error handling.
export {
  TelnyxAuthError,
  isTelnyxAuthError,
  type AuthEvent,
  type AuthSnapshot,
  type AuthStatus,
  type LoginOptions,
  type LogoutOptions,
  type PendingSignIn,
  type PopupLoginOptions,
  type RedirectResult,
  type SignOutReason,
  type TelnyxAuth,
  type TelnyxAuthErrorCode,
  type TelnyxAuthOptions,
} from '@telnyx-oauth/core';
