import { createStore, del, get, keys, promisifyRequest, set, type UseStore } from 'idb-keyval';
import { IDB_DATABASE, IDB_STORE } from '../names.js';
import type { StorageAdapter } from '../types.js';

/** Options of {@link createIdbStorage}. */
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
  return idbStorage(options, false);
}

/**
 * `openNow` (the default storage of a client, created in a page): start opening the database at once, so the
 * connection is ready by the first read (a warm start is mostly IndexedDB; the client is often created during
 * the provider's first render, a few ms before its effects ask for the session). Nothing is read early. A
 * failure is left for the first real operation to report, exactly as with a lazy open.
 */
export function idbStorage(options: IdbStorageOptions, openNow: boolean): StorageAdapter {
  const dbName = options.dbName ?? IDB_DATABASE;
  const storeName = options.storeName ?? IDB_STORE;
  let store: UseStore | undefined;
  const useStore = (): UseStore => (store ??= createStore(dbName, storeName));
  if (openNow) {
    try {
      useStore()('readonly', () => undefined).catch(() => undefined); // the first real operation reports it
    } catch {
      // thrown while opening: `store` stays unset, so the first real operation tries again and reports it
    }
  }
  return {
    get: <T>(key: string) => get<T>(key, useStore()),
    set: (key, value) => set(key, value, useStore()),
    del: (key) => del(key, useStore()),
    async keys(prefix: string): Promise<string[]> {
      const all = await keys(useStore());
      return all.filter((key): key is string => typeof key === 'string' && key.startsWith(prefix));
    },
    // One readwrite transaction: IndexedDB lets no other transaction on this store (in any tab) in between.
    // Like idb-keyval's update, but `undefined` deletes the key instead of storing undefined.
    update: (key, updater) =>
      useStore()(
        'readwrite',
        (store) =>
          new Promise<void>((resolve, reject) => {
            const read = store.get(key);
            read.onsuccess = () => {
              try {
                const next = updater(read.result);
                if (next === undefined) store.delete(key);
                else store.put(next, key);
                resolve(promisifyRequest(store.transaction));
              } catch (error) {
                reject(error);
              }
            };
            read.onerror = () => reject(read.error);
          }),
      ),
  };
}
