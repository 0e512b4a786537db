'use client';
import { useEffect, useState, type ReactNode } from 'react';
import { TelnyxAuthContext } from '../context.js';
import { createMockTelnyxAuth, type MockTelnyxAuth, type MockTelnyxAuthOptions } from './mock-auth.js';
import type { MockAuthState } from './mock-auth-state.js';

/** The props of {@link MockTelnyxAuthProvider}. */
export interface MockTelnyxAuthProviderProps {
  /** The components under test. */
  children?: ReactNode;
  /**
   * The session state to render with (see `mockAuthState`). Passing a different state later (rerender)
   * moves the session to it, like a real sign-in, refresh or sign-out would.
   */
  state?: MockAuthState;
  /** A mock you created with `createMockTelnyxAuth`, to drive it and read its `calls`. */
  client?: MockTelnyxAuth;
  /** Options for the mock created when no `client` is given. */
  options?: MockTelnyxAuthOptions;
}

/** Renders its children as if under <TelnyxAuthProvider>, in any auth state, without a server. */
export function MockTelnyxAuthProvider({
  children,
  state,
  client,
  options,
}: MockTelnyxAuthProviderProps): ReactNode {
  const [created] = useState(() => client ?? createMockTelnyxAuth(state, options));
  const mock = client ?? created;
  useEffect(() => {
    if (state !== undefined && state !== mock.getState()) mock.setState(state);
  }, [mock, state]);
  return <TelnyxAuthContext.Provider value={mock}>{children}</TelnyxAuthContext.Provider>;
}
