'use client';
import type { ComponentType, ReactNode } from 'react';
import { RequireAuth, type RequireAuthOptions } from './require-auth.js';

/**
 * `Component` wrapped in <RequireAuth>: for route tables that take components rather than elements.
 * The options are fixed when wrapping.
 */
export function withAuthRequired<Props extends object>(
  Component: ComponentType<Props>,
  options: RequireAuthOptions = {},
): ComponentType<Props> {
  function WithAuthRequired(props: Props): ReactNode {
    return (
      <RequireAuth {...options}>
        <Component {...props} />
      </RequireAuth>
    );
  }
  WithAuthRequired.displayName = `withAuthRequired(${Component.displayName ?? Component.name ?? 'Component'})`;
  return WithAuthRequired;
}
