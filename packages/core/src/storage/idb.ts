import { createStore, del, get, keys, set, type UseStore } from 'idb-keyval';
import type { StorageAdapter } from '../types.js';

export interface IdbStorageOptions {
  /** IndexedDB database name. Default 'telnyx-oauth'. */
  dbName?: string;
  /** Object store name. Default 'keyval'. */
  storeName?: string;
}

/**
 * IndexedDB storage through idb-keyval. IndexedDB (unlike localStorage) is not readable synchronously by any
 * script on the page and survives reloads, which is what keeps users signed in. The database is opened lazily
 * on first use, so creating the adapter touches no browser global (SSR-safe).
 */
export function createIdbStorage(options: IdbStorageOptions = {}): StorageAdapter {
  const dbName = options.dbName ?? 'telnyx-oauth';
  const storeName = options.storeName ?? 'keyval';
  let store: UseStore | undefined;
  const useStore = (): UseStore => (store ??= createStore(dbName, storeName));
  return {
    get: <T>(key: string) => get<T>(key, useStore()),
    set: (key, value) => set(key, value, useStore()),
    del: (key) => del(key, useStore()),
    async keys(prefix: string): Promise<string[]> {
      const all = await keys(useStore());
      return all.filter((key): key is string => typeof key === 'string' && key.startsWith(prefix));
    },
  };
}
