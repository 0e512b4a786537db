'use client';
import { createContext, useContext } from 'react';
import { TelnyxAuthError, type TelnyxAuth } from '@telnyx-oauth/core';

/**
 * Carries the core client, never the session state: state is read from the client's store with
 * `useSyncExternalStore`, so a session change re-renders only the components that read the changed slice
 * (a context value holding state would re-render every consumer on every token refresh).
 */
export const TelnyxAuthContext = createContext<TelnyxAuth | null>(null);
TelnyxAuthContext.displayName = 'TelnyxAuthContext';

/**
 * The core client of the nearest `<TelnyxAuthProvider>` (or `<MockTelnyxAuthProvider>`), e.g. for
 * `client.on`, `buildAuthorizeUrl` or `createAuthFetch(client)`.
 *
 * @throws TelnyxAuthError `invalid_options` when there is no provider above the component.
 */
export function useTelnyxAuthClient(): TelnyxAuth {
  const client = useContext(TelnyxAuthContext);
  if (!client)
    throw new TelnyxAuthError(
      'invalid_options',
      process.env.NODE_ENV !== 'production' &&
        'No <TelnyxAuthProvider> above this component: wrap the app (or the test) in <TelnyxAuthProvider> or, in tests, <MockTelnyxAuthProvider> from @telnyx-oauth/react/testing.',
    );
  return client;
}
