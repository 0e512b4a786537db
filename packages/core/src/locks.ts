/**
 * Cross-tab exclusion: `withLock` over the Web Locks API, and an in-memory stand-in for runtimes without
 * `navigator.locks` (Node, tests, Safari < 15.4). The stand-in gives the same exclusive semantics inside one
 * JavaScript realm only, so it is also the documented single-tab fallback: in a browser without Web Locks,
 * refreshes are serialised within a tab but not across tabs (see README, "Without Web Locks").
 */
import { DEV, TelnyxAuthError } from './errors.js';
import { deadline } from './shared/timeout.js';
import type { LockManagerLike } from './types.js';

/**
 * Exclusive locks by name, in memory: FIFO grants, `signal` (abort while waiting), `ifAvailable` (the callback
 * gets null when the lock is held). `mode: 'shared'` is treated as exclusive, which is safe (only stricter) for
 * the library's use. Pass one instance to several clients to model tabs sharing Web Locks in tests.
 */
export function createInMemoryLockManager(): LockManagerLike {
  /** Held locks, each with the grants waiting for it. */
  const queues = new Map<string, Array<() => void>>();
  const release = (name: string): void => {
    const next = queues.get(name)?.shift();
    if (next) next();
    else queues.delete(name);
  };
  return {
    request: (name, { signal, ifAvailable }, callback) =>
      new Promise((resolve, reject) => {
        const queue = queues.get(name);
        const grant = async (): Promise<void> => {
          signal?.removeEventListener('abort', abort);
          try {
            resolve(await callback({ name, mode: 'exclusive' }));
          } catch (error) {
            reject(error);
          } finally {
            release(name);
          }
        };
        const abort = (): void => {
          queue?.splice(queue.indexOf(grant) >>> 0, 1);
          reject(signal?.reason);
        };
        if (signal?.aborted) abort();
        else if (!queue) {
          queues.set(name, []);
          void grant();
        } else if (ifAvailable) {
          Promise.resolve(null).then(callback).then(resolve, reject);
        } else {
          queue.push(grant);
          signal?.addEventListener('abort', abort, { once: true });
        }
      }),
  };
}

let fallbackLocks: LockManagerLike | undefined;

/**
 * `navigator.locks` when the browser has it; otherwise one in-memory manager shared by every client of this
 * realm (so two clients in one tab still serialise their refreshes). Resolved at client creation, never at import.
 */
export function resolveLocks(option: LockManagerLike | null | undefined): LockManagerLike {
  const locks = option === undefined ? globalThis.navigator?.locks : option;
  return locks && typeof locks.request === 'function'
    ? locks
    : (fallbackLocks ??= createInMemoryLockManager());
}

/**
 * Runs `work` holding the exclusive lock `name` of `o.locks`. Waiting for the lock is bounded by
 * `o.lockTimeout`: when another tab holds it longer, this rejects with a recoverable `lock_timeout` and `work`
 * never runs. The wait timer is cleared as soon as the lock is granted (the work itself is bounded by its own
 * request deadlines).
 */
export async function withLock<T>(
  o: { locks: LockManagerLike; lockTimeout: number },
  name: string,
  work: () => Promise<T>,
): Promise<T> {
  const wait = deadline(o.lockTimeout);
  let acquired = false;
  try {
    return await o.locks.request(name, { signal: wait.signal }, () => {
      acquired = true;
      wait.clear();
      return work();
    });
  } catch (cause) {
    if (acquired || !wait.signal.aborted) throw cause;
    throw new TelnyxAuthError(
      'lock_timeout',
      DEV && 'Timed out waiting for another tab (a refresh, sign-in or sign-out).',
      { cause },
    );
  } finally {
    wait.clear();
  }
}
