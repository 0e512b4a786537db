'use client';
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
  const asked = typeof scope === 'string' ? scope.split(' ') : scope;
  return useAuthState((s) => asked.every((one) => !one || s.scope.includes(one)));
}
