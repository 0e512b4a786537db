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
  children?: ReactNode;
  /**
   * Called for every session event (signed_in, refreshed, signed_out with its reason, error), e.g. to
   * navigate away when another tab signed out. The latest function is used; it need not be memoised.
   */
  onEvent?: (event: AuthEvent) => void;
}

/** Pass a client you created with `createTelnyxAuth` (share it with non-React code)... */
export interface TelnyxAuthProviderClientProps extends ProviderCommonProps {
  client: TelnyxAuth;
}

/**
 * ...or the options of `createTelnyxAuth`: the provider creates the client once, on first render, and
 * ignores later changes of these props (a new client per render would lose the session and its timers).
 */
export interface TelnyxAuthProviderOptionsProps extends ProviderCommonProps, TelnyxAuthOptions {
  client?: undefined;
}

export type TelnyxAuthProviderProps = TelnyxAuthProviderClientProps | TelnyxAuthProviderOptionsProps;

interface OwnedClient {
  client: TelnyxAuth;
  /** True when this provider created the client and so must destroy it when it unmounts. */
  owned: boolean;
}

function resolveClient(props: TelnyxAuthProviderProps): OwnedClient {
  if (props.client !== undefined) return { client: props.client, owned: false };
  const { children: _children, onEvent: _onEvent, client: _client, ...options } = props;
  return { client: createTelnyxAuth(options), owned: true };
}

/**
 * Makes a core client available to the hooks and components below it and starts reading the stored
 * session after mount (never during render, so server rendering touches no browser global and shows
 * status 'loading').
 */
export function TelnyxAuthProvider(props: TelnyxAuthProviderProps): ReactNode {
  const [resolved, setResolved] = useState<OwnedClient>(() => resolveClient(props));
  // A client passed in by the app wins and may change; an owned one is created once.
  const current: OwnedClient =
    props.client !== undefined && props.client !== resolved.client
      ? { client: props.client, owned: false }
      : resolved;
  const { client, owned } = current;

  // Effects of an owned client: start loading; destroy it on a real unmount. StrictMode unmounts and
  // remounts effects synchronously, so the destroy is deferred by a microtask and skipped when a later
  // mount of this provider happened in between.
  const [lifecycle] = useState(() => ({ mounts: 0, destroyed: false }));
  useEffect(() => {
    if (owned && lifecycle.destroyed) {
      // Remounted after a real unmount (e.g. a hidden <Activity> shown again): make a fresh client.
      lifecycle.destroyed = false;
      setResolved(resolveClient(props));
      return;
    }
    const mount = ++lifecycle.mounts;
    client.ready().catch(() => {
      // ready() reports failures through the snapshot (status/error); nothing more to do here.
    });
    if (!owned) return;
    return () => {
      queueMicrotask(() => {
        if (lifecycle.mounts !== mount) return;
        lifecycle.destroyed = true;
        client.destroy();
      });
    };
    // `props` is read only to recreate a destroyed owned client; options are create-once by design.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, owned, lifecycle]);

  const onEventRef = useRef(props.onEvent);
  useEffect(() => {
    onEventRef.current = props.onEvent;
  });
  useEffect(() => client.on((event) => onEventRef.current?.(event)), [client]);

  return <TelnyxAuthContext.Provider value={client}>{props.children}</TelnyxAuthContext.Provider>;
}
