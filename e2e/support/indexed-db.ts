/** Reading what the page's origin holds in IndexedDB, through the page itself (as the app would see it). */
import type { Page } from '@playwright/test';

/** Every key and value in every IndexedDB database of the page's origin, as JSON lines. */
export async function indexedDbDump(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const lines: string[] = [];
    const databases = await indexedDB.databases();
    for (const info of databases) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(info.name!);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const storeName of Array.from(db.objectStoreNames)) {
        const store = db.transaction(storeName, 'readonly').objectStore(storeName);
        const [keys = [], values = []] = await Promise.all(
          [store.getAllKeys(), store.getAll()].map(
            (request) =>
              new Promise<unknown[]>((resolve, reject) => {
                request.onsuccess = () => resolve(request.result as unknown[]);
                request.onerror = () => reject(request.error);
              }),
          ),
        );
        keys.forEach((key, index) =>
          lines.push(`${info.name}/${storeName}/${String(key)} = ${JSON.stringify(values[index])}`),
        );
      }
      db.close();
    }
    return lines;
  });
}
