'use client';
import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { AuthSnapshot } from '@telnyx-oauth/core';
import { useTelnyxAuthClient } from './context.js';

/**
 * Subscribes to one slice of the session: the component re-renders only when `selector`'s result
 * changes (by `isEqual`, default `Object.is`). The selector may be an inline function and may return a
 * new object or array each time when `isEqual` says equal ones are equal, e.g. `shallowEqual`.
 *
 * ```tsx
 * const canManage = useAuthState((s) => s.scope.includes('oauth_clients.write'));
 * ```
 */
export function useAuthState<Selected>(
  selector: (snapshot: AuthSnapshot) => Selected,
  isEqual: (a: Selected, b: Selected) => boolean = Object.is,
): Selected {
  const client = useTelnyxAuthClient();

  // Always use the latest selector and comparison without resubscribing (they are often inline).
  const selectorRef = useRef(selector);
  selectorRef.current = selector;
  const isEqualRef = useRef(isEqual);
  isEqualRef.current = isEqual;

  // Memo of the last (snapshot -> selection) so that getSnapshot returns a stable value: React calls it
  // on every render and after every store change and requires the same result for the same store state.
  const memo = useRef<{ snapshot: AuthSnapshot; selected: Selected; selector: unknown } | null>(null);
  const select = useCallback((snapshot: AuthSnapshot): Selected => {
    const previous = memo.current;
    if (previous !== null && previous.snapshot === snapshot && previous.selector === selectorRef.current) {
      return previous.selected;
    }
    const next = selectorRef.current(snapshot);
    const selected =
      previous !== null && isEqualRef.current(previous.selected, next) ? previous.selected : next;
    memo.current = { snapshot, selected, selector: selectorRef.current };
    return selected;
  }, []);

  const subscribe = useCallback((listener: () => void) => client.subscribe(listener), [client]);
  return useSyncExternalStore(
    subscribe,
    () => select(client.getSnapshot()),
    () => select(client.getServerSnapshot()),
  );
}

/** Equality for selectors returning plain objects or arrays: same keys, `Object.is`-equal values. */
export function shallowEqual<T>(a: T, b: T): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  return aKeys.every(
    (key) =>
      Object.prototype.hasOwnProperty.call(b, key) &&
      Object.is((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}
