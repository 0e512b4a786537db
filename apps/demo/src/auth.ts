/**
 * The demo's one sign-in client. Created at module level (not in a component) so the callback route, the
 * activity log and the provider share it, exactly as an app that also calls the API outside React would.
 */
import { createTelnyxAuth } from '@telnyx-oauth/core';
import { tokenHandler } from '@telnyx-oauth/core/token-handler';
import { popupSupport } from '@telnyx-oauth/core/popup';
import { readConfig } from './config.js';

export const config = readConfig();

export const auth = createTelnyxAuth({
  issuer: config.issuer,
  clientId: config.clientId,
  redirectUri: config.redirectUri,
  scope: config.scope,
  // `import.meta.env.VITE_TELNYX_TOKEN_HANDLER` is replaced when the demo is built: without it the condition
  // is constant, and the token-handler transport is left out of the bundle.
  ...(import.meta.env.VITE_TELNYX_TOKEN_HANDLER && config.tokenHandler
    ? { transport: tokenHandler(config.tokenHandler) }
    : {}),
  popup: popupSupport(), // sign-in and more scopes without leaving the page (lib/with-scope.ts)
});
