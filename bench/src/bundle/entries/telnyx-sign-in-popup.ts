// The sign-in path of an app that also signs in with a popup: the redirect-only path (telnyx-sign-in.ts) plus
// the opener side of popup sign-in, which only this import brings in.
export { createTelnyxAuth } from '@telnyx-oauth/core';
export { popupSupport } from '@telnyx-oauth/core/popup';
export { TelnyxAuthProvider, useAuth, AuthCallback, RequireAuth } from '@telnyx-oauth/react';
