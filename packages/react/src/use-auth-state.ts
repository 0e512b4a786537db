'use client';
import { useRef, useSyncExternalStore } from 'react';
import type { AuthSnapshot } from '@telnyx-oauth/core';
import { useTelnyxAuthClient } from './context.js';

/**
 * One slice of the session: the component re-renders only when `selector`'s result changes (by `isEqual`,
 * default `Object.is`). The selector may be an inline function, and may build a new object or array each
 * time when `isEqual` says equal ones are equal (e.g. {@link shallowEqual}).
 *
 * ```tsx
 * const canManage = useAuthState((s) => s.scope.includes('oauth_clients.write'));
 * ```
 *
 * @throws TelnyxAuthError `invalid_options` outside a provider.
 */
export function useAuthState<Selected>(
  selector: (snapshot: AuthSnapshot) => Selected,
  isEqual: (a: Selected, b: Selected) => boolean = Object.is,
): Selected {
  const client = useTelnyxAuthClient();
  // The last (snapshot, selector) -> selection: React asks for the snapshot on every render and after every
  // store change, and needs the same value back while nothing changed.
  const memo = useRef<{ snapshot: AuthSnapshot; selector: unknown; selected: Selected }>(null);
  const select = (snapshot: AuthSnapshot): Selected => {
    const last = memo.current;
    if (last?.snapshot === snapshot && last.selector === selector) return last.selected;
    const next = selector(snapshot);
    const selected = last && isEqual(last.selected, next) ? last.selected : next;
    memo.current = { snapshot, selector, selected };
    return selected;
  };
  return useSyncExternalStore(
    client.subscribe,
    () => select(client.getSnapshot()),
    () => select(client.getServerSnapshot()),
  );
}

/** Equality for selectors returning plain objects or arrays: same keys, `Object.is`-equal values. */
export function shallowEqual<T>(a: T, b: T): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || !a || !b) return false;
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) => Object.hasOwn(b, key) && Object.is(a[key as keyof T], b[key as keyof T]))
  );
}
