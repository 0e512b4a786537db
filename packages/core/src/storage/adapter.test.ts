/** The atomic read-modify-write every adapter offers the library (`update`), and its fallback. */
import { describe, expect, it } from 'vitest';
import { createInMemoryLockManager } from '../locks.js';
import type { StorageAdapter } from '../types.js';
import { guardStorage } from './adapter.js';
import { createIdbStorage } from './idb.js';
import { createMemoryStorage } from './memory.js';

const increment = (current: unknown): number => (typeof current === 'number' ? current + 1 : 1);

/** Two "tabs" updating one key 20 times each, all at once: atomic means no update is lost. */
async function expectNoLostUpdate(a: StorageAdapter, b: StorageAdapter): Promise<void> {
  await Promise.all(
    Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).update!('counter', increment)),
  );
  expect(await a.get('counter')).toBe(20);
}

describe('update', () => {
  it('is atomic in IndexedDB across two connections (two tabs), and undefined deletes the key', async () => {
    const dbName = `update-${Math.random()}`;
    const [a, b] = [createIdbStorage({ dbName }), createIdbStorage({ dbName })];
    await expectNoLostUpdate(a, b);
    await a.update!('counter', () => undefined);
    expect(await b.keys!('')).toEqual([]);
  });

  it('is atomic in memory storage, and undefined deletes the key', async () => {
    const memory = createMemoryStorage();
    await expectNoLostUpdate(memory, memory);
    await memory.update!('counter', () => undefined);
    expect(await memory.keys!('')).toEqual([]);
  });

  it('falls back to get + set under a lock per key for an adapter without update', async () => {
    const memory = createMemoryStorage();
    const plain: StorageAdapter = {
      // a read that yields, so an unlocked read-modify-write would lose updates
      get: async (key) => new Promise((resolve) => setTimeout(() => resolve(memory.get(key)), 1)),
      set: memory.set,
      del: memory.del,
    };
    const locks = createInMemoryLockManager();
    await expectNoLostUpdate(guardStorage(plain, locks), guardStorage(plain, locks));
  });

  it('rejects with what the updater threw, writing nothing', async () => {
    const storage = guardStorage(createMemoryStorage(), createInMemoryLockManager());
    await storage.set('k', 1);
    await expect(
      storage.update('k', () => {
        throw new Error('no');
      }),
    ).rejects.toThrow();
    expect(await storage.get('k')).toBe(1);
  });

  it('keeps the result for this page when the write fails (quota), and reports it', async () => {
    const memory = createMemoryStorage();
    let full = false;
    const refused = () => Promise.reject(new DOMException('full', 'QuotaExceededError'));
    const quota: StorageAdapter = {
      ...memory,
      set: (key, value) => (full ? refused() : memory.set(key, value)),
      update: (key, updater) => (full ? refused() : memory.update!(key, updater)),
    };
    const storage = guardStorage(quota, createInMemoryLockManager());
    await storage.set('k', 1);
    await storage.get('k');
    full = true;
    await expect(storage.update('k', increment)).rejects.toMatchObject({ code: 'storage_error' });
    expect(await storage.get('k')).toBe(2); // this page goes on with the value it could not store
    await expect(storage.update('k', increment)).rejects.toMatchObject({ code: 'storage_error' });
    expect(await storage.get('k')).toBe(3);
    full = false;
    await storage.update('k', increment);
    expect(await memory.get('k')).toBe(4); // stored again once there is room
  });
});
