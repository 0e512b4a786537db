// The sign-in path as an app imports it: the client factory, the provider, the hook and the callback route.
export { createTelnyxAuth } from '@telnyx-oauth/core';
export { TelnyxAuthProvider, useAuth, AuthCallback } from '@telnyx-oauth/react';
