// The sign-in path as an app imports it: the client factory, the provider, the hook, the callback route and
// the guard (issue 13 defines the path as these).
export { createTelnyxAuth } from '@telnyx-oauth/core';
export { TelnyxAuthProvider, useAuth, AuthCallback, RequireAuth } from '@telnyx-oauth/react';
