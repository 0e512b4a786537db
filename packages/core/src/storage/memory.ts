import type { StorageAdapter } from '../types.js';

/**
 * In-memory storage: the session lives as long as the page (or the test). Values are structured-cloned on the
 * way in and out so callers can never mutate what is stored, exactly like IndexedDB. Pass one instance to two
 * clients to model two tabs sharing a store.
 */
export function createMemoryStorage(): StorageAdapter {
  const values = new Map<string, unknown>();
  return {
    async get<T>(key: string): Promise<T | undefined> {
      return values.has(key) ? (structuredClone(values.get(key)) as T) : undefined;
    },
    async set(key: string, value: unknown): Promise<void> {
      values.set(key, structuredClone(value));
    },
    async del(key: string): Promise<void> {
      values.delete(key);
    },
    async keys(prefix: string): Promise<string[]> {
      return [...values.keys()].filter((key) => key.startsWith(prefix));
    },
  };
}
