import { TelnyxAuthError } from '../errors.js';
import { storageLockName } from '../names.js';
import type { LockManagerLike, StorageAdapter } from '../types.js';
import { idbStorage } from './idb.js';
import { createMemoryStorage } from './memory.js';

/** Picks the adapter for the `storage` option: IndexedDB when the runtime has it, else memory. */
export function resolveStorage(option: 'indexeddb' | 'memory' | StorageAdapter | undefined): StorageAdapter {
  if (option === 'memory') return createMemoryStorage();
  // In a page, the database starts opening now (warm start); elsewhere (tests, workers) on first use.
  const openNow = typeof document !== 'undefined';
  if (option === 'indexeddb') return idbStorage({}, openNow);
  if (option === undefined) {
    return typeof globalThis.indexedDB === 'undefined' ? createMemoryStorage() : idbStorage({}, openNow);
  }
  if (
    typeof option !== 'object' ||
    option === null ||
    typeof option.get !== 'function' ||
    typeof option.set !== 'function' ||
    typeof option.del !== 'function'
  ) {
    throw new TelnyxAuthError(
      'invalid_options',
      'storage must be "indexeddb", "memory" or an adapter with get/set/del.',
    );
  }
  return option;
}

/**
 * Wraps an adapter so every failure (quota, blocked database, private mode, a throwing custom adapter) surfaces
 * as a typed, recoverable `storage_error` instead of an arbitrary exception.
 *
 * A session must not be lost because storage failed: a value whose write failed (quota) is kept in memory and
 * read back from there by this page, and when reads start failing (Safari's lost IndexedDB connection) the last
 * value this page saw is used. The failure is still thrown to the writer, which reports it.
 *
 * `update` is always there: the adapter's own (atomic), or for an adapter without one a get and a set under an
 * exclusive lock per key (`locks`: Web Locks, so atomic across tabs for the library's own updates).
 */
export function guardStorage(adapter: StorageAdapter, locks: LockManagerLike): Required<StorageAdapter> {
  const unsaved = new Map<string, unknown>(); // newer than storage: a failed set (or del: undefined)
  const seen = new Map<string, unknown>(); // last value read or written successfully
  const copy = <T>(value: unknown): T => structuredClone(value) as T;
  const remember = (key: string, value: unknown): void => {
    try {
      seen.set(key, copy(value));
    } catch {
      seen.delete(key); // not cloneable (a custom adapter's object): nothing to fall back on
    }
  };
  /** Keeps a value storage refused for this page (read back by `get`), when it can be copied. */
  const keep = (key: string, value: unknown): void => {
    try {
      unsaved.set(key, copy(value));
    } catch {
      // not cloneable either (the write failed for that reason): there is nothing to keep
    }
  };
  const guard = async <T>(operation: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (cause) {
      throw new TelnyxAuthError('storage_error', `Storage ${operation} failed.`, { cause });
    }
  };
  const atomicUpdate: Required<StorageAdapter>['update'] = adapter.update
    ? (key, updater) => adapter.update!(key, updater)
    : (key, updater) =>
        locks.request(storageLockName(key), {}, async () => {
          const next = updater(await adapter.get(key));
          await (next === undefined ? adapter.del(key) : adapter.set(key, next));
        });
  const guarded: Required<StorageAdapter> = {
    async get<T>(key: string): Promise<T | undefined> {
      if (unsaved.has(key)) return copy<T>(unsaved.get(key));
      try {
        const value = await guard('read', () => adapter.get<T>(key));
        remember(key, value);
        return value;
      } catch (error) {
        if (seen.has(key)) return copy<T>(seen.get(key));
        throw error;
      }
    },
    async set(key, value) {
      try {
        await guard('write', () => adapter.set(key, value));
        unsaved.delete(key);
        remember(key, value);
      } catch (error) {
        keep(key, value);
        throw error;
      }
    },
    async del(key) {
      try {
        await guard('delete', () => adapter.del(key));
        unsaved.delete(key);
        seen.delete(key);
      } catch (error) {
        unsaved.set(key, undefined);
        throw error;
      }
    },
    keys: (prefix) =>
      guard('listing', async () => {
        if (!adapter.keys) return [];
        const found: unknown = await adapter.keys(prefix);
        return Array.isArray(found) ? found.filter((k): k is string => typeof k === 'string') : [];
      }),
    async update(key, updater) {
      let ran = false;
      let next: unknown;
      if (!unsaved.has(key)) {
        try {
          await guard('write', () =>
            atomicUpdate(key, (current) => {
              next = updater(current);
              ran = true;
              return next;
            }),
          );
          remember(key, next);
          return;
        } catch (error) {
          if (ran) keep(key, next); // decided, but not stored (quota): like a failed set
          if (ran || !seen.has(key)) throw error;
        }
      }
      // Storage is behind this page (a failed write) or cannot be read: decide on the value this page has and
      // store that (set and del keep it for this page if storage refuses again).
      next = updater(copy(unsaved.has(key) ? unsaved.get(key) : seen.get(key)));
      return next === undefined ? guarded.del(key) : guarded.set(key, next);
    },
  };
  return guarded;
}
