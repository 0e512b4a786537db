'use client';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import {
  createTelnyxAuth,
  type AuthEvent,
  type TelnyxAuth,
  type TelnyxAuthOptions,
} from '@telnyx-oauth/core';
import { TelnyxAuthContext } from './context.js';

interface ProviderCommonProps {
  /** The app, or the part of it that uses the session. */
  children?: ReactNode;
  /**
   * Called for every session event (signed_in, refreshed, signed_out with its reason, error), e.g. to
   * navigate away when another tab signed out. The latest function is used; it need not be memoised.
   */
  onEvent?: (event: AuthEvent) => void;
}

/** Pass a client you created with `createTelnyxAuth` (share it with non-React code; its lifetime is yours)... */
export interface TelnyxAuthProviderClientProps extends ProviderCommonProps {
  /** The client the hooks below use. */
  client: TelnyxAuth;
}

/**
 * ...or the options of `createTelnyxAuth` (a `transport` too, e.g. `tokenHandler()`): the provider creates the
 * client once, on first render, ignores later changes of these props (a new client per render would lose the
 * session and its timers), and destroys it when it unmounts.
 */
export interface TelnyxAuthProviderOptionsProps extends ProviderCommonProps, TelnyxAuthOptions {
  /** Not given: the provider creates the client from the options. */
  client?: undefined;
}

/** The props of {@link TelnyxAuthProvider}: a client, or the options to create one. */
export type TelnyxAuthProviderProps = TelnyxAuthProviderClientProps | TelnyxAuthProviderOptionsProps;

const create = ({ children: _c, onEvent: _e, client: _client, ...options }: TelnyxAuthProviderOptionsProps) =>
  createTelnyxAuth(options);

/**
 * Makes a core client available to the hooks and components below it and starts reading the stored session
 * after mount (never during render, so server rendering touches no browser global and shows `loading`).
 *
 * @throws TelnyxAuthError `invalid_options` / `insecure_issuer` for invalid options (see `createTelnyxAuth`).
 */
export function TelnyxAuthProvider(props: TelnyxAuthProviderProps): ReactNode {
  const [owned, setOwned] = useState(() => (props.client ? null : create(props)));
  const client = props.client ?? owned!;
  // StrictMode unmounts and remounts effects at once: the destroy of an owned client waits a microtask and is
  // skipped when a later mount happened in between. A real unmount destroys it; a remount after that (a
  // hidden <Activity> shown again) creates a fresh one.
  const [mounts] = useState({ count: 0, destroyed: false });
  useEffect(() => {
    if (client === owned && mounts.destroyed) {
      mounts.destroyed = false;
      setOwned(create(props as TelnyxAuthProviderOptionsProps));
      return;
    }
    const mount = ++mounts.count;
    client.ready().catch(() => undefined); // failures are in the snapshot
    if (client !== owned) return;
    return () =>
      queueMicrotask(() => {
        if (mounts.count !== mount) return;
        mounts.destroyed = true;
        client.destroy();
      });
    // `props` is read only to recreate a destroyed owned client; options are create-once by design.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, owned, mounts]);

  const onEvent = useRef(props.onEvent);
  useEffect(() => void (onEvent.current = props.onEvent));
  useEffect(() => client.on((event) => onEvent.current?.(event)), [client]);

  return <TelnyxAuthContext.Provider value={client}>{props.children}</TelnyxAuthContext.Provider>;
}
