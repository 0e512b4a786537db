'use client';
import { missingScopes } from '@telnyx-oauth/core';
import { useAuthState } from './use-auth-state.js';

/**
 * True when the session holds every scope of `scope` (a space-separated string or an array), as
 * `client.hasScope`; re-renders only when that answer changes. False while loading and when signed out.
 *
 * ```tsx
 * const canEdit = useHasScope('account_management.write');
 * ```
 *
 * @throws TelnyxAuthError `invalid_options` outside a provider.
 */
export function useHasScope(scope: string | readonly string[]): boolean {
  // From the snapshot (not client.hasScope) so that the server snapshot answers during hydration.
  return useAuthState((s) => missingScopes(s.scope, scope).length === 0);
}
