/**
 * The observable snapshot store behind `subscribe`/`getSnapshot` (the `useSyncExternalStore` contract):
 * a new frozen object only when a field actually changed, so bindings can compare by identity.
 */
import { callEach } from './notify.js';
import type { AuthSnapshot, AuthStatus } from './types.js';

export type SnapshotFields = Pick<AuthSnapshot, 'status' | 'expiresAt' | 'scope' | 'error' | 'signOutReason'>;

export function createSnapshot(fields: SnapshotFields): AuthSnapshot {
  return Object.freeze({
    status: fields.status,
    isLoading: fields.status === 'loading',
    // 'refreshing' and 'error' both keep the session (see AuthSnapshot.error).
    isAuthenticated: isSignedInStatus(fields.status),
    expiresAt: fields.expiresAt,
    scope: Object.freeze([...fields.scope]),
    error: fields.error,
    signOutReason: fields.signOutReason,
  });
}

export function isSignedInStatus(status: AuthStatus): boolean {
  return status === 'authenticated' || status === 'refreshing' || status === 'error';
}

export const LOADING_SNAPSHOT: AuthSnapshot = createSnapshot({
  status: 'loading',
  expiresAt: null,
  scope: [],
  error: null,
  signOutReason: null,
});

function sameScope(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((scope, index) => scope === b[index]);
}

export interface SnapshotStore {
  get(): AuthSnapshot;
  /** Applies a partial change; notifies listeners only if something differs. */
  update(change: Partial<SnapshotFields>): void;
  subscribe(listener: () => void): () => void;
}

export function createSnapshotStore(initial: AuthSnapshot = LOADING_SNAPSHOT): SnapshotStore {
  let current = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    update(change) {
      const next: SnapshotFields = {
        status: change.status ?? current.status,
        expiresAt: 'expiresAt' in change ? (change.expiresAt ?? null) : current.expiresAt,
        scope: change.scope ?? current.scope,
        error: 'error' in change ? (change.error ?? null) : current.error,
        signOutReason: 'signOutReason' in change ? (change.signOutReason ?? null) : current.signOutReason,
      };
      if (
        next.status === current.status &&
        next.expiresAt === current.expiresAt &&
        sameScope(next.scope, current.scope) &&
        next.error === current.error &&
        next.signOutReason === current.signOutReason
      ) {
        return;
      }
      current = createSnapshot(next);
      callEach(listeners, (listener) => listener());
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
