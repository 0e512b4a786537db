/**
 * The observable snapshot store behind `subscribe`/`getSnapshot` (the `useSyncExternalStore` contract): a new
 * frozen object only when a field actually changed, so bindings can compare by identity. The client keeps its
 * session here; `@telnyx-oauth/react/testing` builds its mock on the same store.
 */
import type { AuthSnapshot } from './types.js';

/** The fields of a snapshot that are not derived (`isLoading` and `isAuthenticated` are). */
export type SnapshotFields = Omit<AuthSnapshot, 'isLoading' | 'isAuthenticated'>;

/** An observable {@link AuthSnapshot}, as `createTelnyxAuth` keeps it. */
export interface SnapshotStore {
  /** The current snapshot. */
  get(): AuthSnapshot;
  /** Applies a partial change; makes a new snapshot and notifies listeners only if a field differs. */
  update(change: Partial<SnapshotFields>): void;
  /** Calls `listener` after every change; returns an unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/**
 * Calls every listener of a snapshot or event broadcast. One broken listener must not starve the others: its
 * error is rethrown outside our call stack (it still reaches window.onerror / the test runner). The set is
 * copied first so a listener may unsubscribe (or subscribe) while it runs.
 */
export function callEach<L>(listeners: Iterable<L>, call: (listener: L) => void): void {
  for (const listener of [...listeners]) {
    try {
      call(listener);
    } catch (error) {
      queueMicrotask(() => {
        throw error;
      });
    }
  }
}

const snapshot = (fields: SnapshotFields): AuthSnapshot =>
  Object.freeze({
    ...fields,
    isLoading: fields.status === 'loading',
    // 'refreshing' and 'error' both keep the session (see AuthSnapshot.error).
    isAuthenticated: /^(authenticated|refreshing|error)$/.test(fields.status),
    scope: Object.freeze([...fields.scope]),
  });

/** The snapshot before the stored session was read, and on the server. */
export const LOADING_SNAPSHOT: AuthSnapshot = snapshot({
  status: 'loading',
  expiresAt: null,
  scope: [],
  error: null,
  signOutReason: null,
  pending: null,
});

/**
 * A snapshot store starting at `initial` (default: loading). Used by `createTelnyxAuth`, and by test doubles
 * that must behave like it (`createMockTelnyxAuth`).
 */
export function createSnapshotStore(initial: AuthSnapshot = LOADING_SNAPSHOT): SnapshotStore {
  let current = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    update(change) {
      const next = { ...current, ...change };
      if (
        (Object.keys(next) as Array<keyof AuthSnapshot>).every((key) =>
          key === 'scope' ? next.scope.join(' ') === current.scope.join(' ') : next[key] === current[key],
        )
      )
        return;
      current = snapshot(next);
      callEach(listeners, (listener) => listener());
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
