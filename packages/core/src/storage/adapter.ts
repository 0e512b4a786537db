/** The `storage` option as the library uses it: picked, and guarded so storage failures never lose a session. */
import { DEV, TelnyxAuthError } from '../errors.js';
import { storageLockName } from '../names.js';
import type { LockManagerLike, StorageAdapter } from '../types.js';
import { idbStorage } from './idb.js';
import { createMemoryStorage } from './memory.js';

/** Picks the adapter for the `storage` option: IndexedDB when the runtime has it, else memory. */
export function resolveStorage(option: 'indexeddb' | 'memory' | StorageAdapter | undefined): StorageAdapter {
  if (option === 'memory' || (option === undefined && typeof indexedDB === 'undefined'))
    return createMemoryStorage();
  // In a page, the database starts opening now (warm start); elsewhere (tests, workers) on first use.
  if (option === 'indexeddb' || option === undefined) return idbStorage({}, typeof document !== 'undefined');
  if (
    ['get', 'set', 'del'].every(
      (method) => typeof (option as unknown as Record<string, unknown>)?.[method] === 'function',
    )
  )
    return option;
  throw new TelnyxAuthError(
    'invalid_options',
    DEV && 'storage must be "indexeddb", "memory" or an adapter with get/set/del.',
  );
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
  const unsaved = new Map<string, unknown>(); // newer than storage: a failed write (undefined: a failed delete)
  const seen = new Map<string, unknown>(); // the last value read or written successfully
  const copy = <T>(value: unknown): T => structuredClone(value) as T;
  /** Keeps a copy of `value`; a value that cannot be copied (a custom adapter's object) is not kept. */
  const keep = (map: Map<string, unknown>, key: string, value: unknown): void => {
    try {
      map.set(key, copy(value));
    } catch {
      map.delete(key);
    }
  };
  const guard = async <T>(operation: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (cause) {
      throw new TelnyxAuthError('storage_error', DEV && `Storage ${operation} failed.`, { cause });
    }
  };
  const atomic = (key: string, updater: (current: unknown) => unknown): Promise<void> =>
    adapter.update
      ? adapter.update(key, updater)
      : locks.request(storageLockName(key), {}, async () => {
          const next = updater(await adapter.get(key));
          await (next === undefined ? adapter.del(key) : adapter.set(key, next));
        });
  /** Stores `value` (undefined deletes); a refused write is kept for this page and rethrown. */
  const write = async (key: string, value: unknown): Promise<void> => {
    try {
      await guard('write', () => (value === undefined ? adapter.del(key) : adapter.set(key, value)));
      unsaved.delete(key);
      keep(seen, key, value);
    } catch (error) {
      keep(unsaved, key, value);
      throw error;
    }
  };
  return {
    async get<T>(key: string): Promise<T | undefined> {
      if (unsaved.has(key)) return copy<T>(unsaved.get(key));
      try {
        const value = await guard('read', () => adapter.get<T>(key));
        keep(seen, key, value);
        return value;
      } catch (error) {
        if (seen.has(key)) return copy<T>(seen.get(key));
        throw error;
      }
    },
    set: write,
    del: (key) => write(key, undefined),
    keys: (prefix) =>
      guard('listing', async () => {
        const found: unknown = await adapter.keys?.(prefix);
        return Array.isArray(found) ? found.filter((key): key is string => typeof key === 'string') : [];
      }),
    async update(key, updater) {
      let decided = false;
      let next: unknown;
      if (!unsaved.has(key)) {
        try {
          await guard('write', () =>
            atomic(key, (current) => {
              next = updater(current);
              decided = true;
              return next;
            }),
          );
          keep(seen, key, next);
          return;
        } catch (error) {
          if (decided) keep(unsaved, key, next); // decided, but not stored (quota): like a failed write
          if (decided || !seen.has(key)) throw error;
        }
      }
      // Storage is behind this page (a failed write) or cannot be read: decide on the value this page has and
      // store that (a refused write is kept for this page again).
      return write(key, updater(copy(unsaved.has(key) ? unsaved.get(key) : seen.get(key))));
    },
  };
}
