import { describe, expect, it, vi } from 'vitest';
import { TelnyxAuthError } from './errors.js';
import { createSnapshotStore, LOADING_SNAPSHOT } from './store.js';

describe('snapshot store', () => {
  it('starts loading and exposes derived flags', () => {
    const store = createSnapshotStore();
    expect(store.get()).toBe(LOADING_SNAPSHOT);
    expect(store.get()).toMatchObject({ status: 'loading', isLoading: true, isAuthenticated: false });
    expect(Object.isFrozen(store.get())).toBe(true);
    expect(Object.isFrozen(store.get().scope)).toBe(true);
  });

  it('keeps the same object when nothing changed, and notifies only on change', () => {
    const store = createSnapshotStore();
    const listener = vi.fn();
    store.subscribe(listener);
    store.update({ status: 'authenticated', scope: ['a', 'b'], expiresAt: 5 });
    const first = store.get();
    expect(listener).toHaveBeenCalledTimes(1);
    store.update({ status: 'authenticated', scope: ['a', 'b'], expiresAt: 5 });
    expect(store.get()).toBe(first);
    expect(listener).toHaveBeenCalledTimes(1);
    store.update({ scope: ['a'] });
    expect(store.get()).not.toBe(first);
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('treats refreshing and error as signed in (the session is kept)', () => {
    const store = createSnapshotStore();
    store.update({ status: 'refreshing' });
    expect(store.get().isAuthenticated).toBe(true);
    store.update({
      status: 'error',
      error: new TelnyxAuthError('refresh_failed', 'x', { recoverable: true }),
    });
    expect(store.get()).toMatchObject({ isAuthenticated: true, isLoading: false });
  });

  it('stops notifying after unsubscribe and isolates a throwing listener', async () => {
    const store = createSnapshotStore();
    const thrown: unknown[] = [];
    const onError = (error: unknown) => thrown.push(error);
    process.on('uncaughtException', onError);
    const good = vi.fn();
    store.subscribe(() => {
      throw new Error('bad listener');
    });
    const unsubscribe = store.subscribe(good);
    store.update({ status: 'unauthenticated' });
    expect(good).toHaveBeenCalledTimes(1);
    unsubscribe();
    store.update({ status: 'authenticated' });
    expect(good).toHaveBeenCalledTimes(1);
    await new Promise((resolve) => setTimeout(resolve, 0));
    process.off('uncaughtException', onError);
    expect(thrown).toHaveLength(2);
  });
});
