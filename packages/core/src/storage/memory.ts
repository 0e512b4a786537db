import type { StorageAdapter } from '../types.js';

/**
 * In-memory storage: the session lives as long as the page (or the test). Values are structured-cloned on the
 * way in and out so callers can never mutate what is stored, exactly like IndexedDB. Pass one instance to two
 * clients to model two tabs sharing a store. `update` runs synchronously, so it is atomic.
 */
export function createMemoryStorage(): StorageAdapter {
  const values = new Map<string, unknown>();
  const clone = <T>(value: unknown): T => structuredClone(value) as T;
  const put = async (key: string, value: unknown): Promise<void> => {
    if (value === undefined) values.delete(key);
    else values.set(key, clone(value));
  };
  return {
    get: async <T>(key: string) => clone<T | undefined>(values.get(key)),
    set: put,
    del: (key) => put(key, undefined),
    keys: async (prefix) => [...values.keys()].filter((key) => key.startsWith(prefix)),
    update: async (key, updater) => put(key, updater(clone(values.get(key)))),
  };
}
