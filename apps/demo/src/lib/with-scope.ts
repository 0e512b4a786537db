/**
 * Incremental consent. The demo signs in read-only (config.ts); creating, editing or deleting needs
 * `account_management.write`. The first time the user tries, the action asks for it in a popup (the library
 * asks for what the session holds too, so nothing is lost, and keeps the session as it was if the user
 * closes the window or says no), then carries on with the action. Every tab gets the new scope.
 *
 * The action must be started from the click or submit handler itself: the popup opens within the user's
 * gesture only if nothing is awaited before it.
 */
import { useCallback } from 'react';
import { useTelnyxAuthClient } from '@telnyx-oauth/react';

/** What changing OAuth clients and grants needs (the dev server, like Telnyx, answers 401 insufficient_scope). */
export const WRITE_SCOPE = 'account_management.write';

/** `run(action)`: the action, after asking for `scope` in a popup when the session does not hold it yet. */
export function useWithScope(scope: string = WRITE_SCOPE): <T>(action: () => Promise<T>) => Promise<T> {
  const auth = useTelnyxAuthClient();
  return useCallback(
    <T>(action: () => Promise<T>): Promise<T> =>
      auth.hasScope(scope) ? action() : auth.loginWithPopup({ scope }).then(action),
    [auth, scope],
  );
}
