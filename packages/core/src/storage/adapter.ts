import { TelnyxAuthError } from '../errors.js';
import type { StorageAdapter } from '../types.js';
import { createIdbStorage } from './idb.js';
import { createMemoryStorage } from './memory.js';

/** Picks the adapter for the `storage` option: IndexedDB when the runtime has it, else memory. */
export function resolveStorage(option: 'indexeddb' | 'memory' | StorageAdapter | undefined): StorageAdapter {
  if (option === 'memory') return createMemoryStorage();
  if (option === 'indexeddb') return createIdbStorage();
  if (option === undefined) {
    return typeof globalThis.indexedDB === 'undefined' ? createMemoryStorage() : createIdbStorage();
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
 */
export function guardStorage(adapter: StorageAdapter): Required<StorageAdapter> {
  const guard = async <T>(operation: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (cause) {
      throw new TelnyxAuthError('storage_error', `Storage ${operation} failed.`, {
        cause,
        recoverable: true,
      });
    }
  };
  return {
    get: <T>(key: string) => guard('read', () => adapter.get<T>(key)),
    set: (key, value) => guard('write', () => adapter.set(key, value)),
    del: (key) => guard('delete', () => adapter.del(key)),
    keys: (prefix) =>
      guard('listing', async () => {
        if (!adapter.keys) return [];
        const found: unknown = await adapter.keys(prefix);
        return Array.isArray(found) ? found.filter((k): k is string => typeof k === 'string') : [];
      }),
  };
}
