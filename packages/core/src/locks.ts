/**
 * Exclusive locks by name, in memory: the Web Locks API stand-in for runtimes without `navigator.locks`
 * (Node, tests, Safari < 15.4). It gives the same exclusive semantics inside one JavaScript realm only, so it is
 * also the documented single-tab fallback: in a browser without Web Locks, refreshes are serialised within a tab
 * but not across tabs (see README, "Without Web Locks").
 *
 * Supported: FIFO exclusive grants, `signal` (abort while waiting), `ifAvailable` (callback gets null when held).
 * `mode: 'shared'` is treated as exclusive, which is safe (only stricter) for the library's use.
 */
import { TelnyxAuthError } from './errors.js';
import { deadline } from './shared/timeout.js';
import type { LockManagerLike } from './types.js';

interface Waiter {
  grant(): void;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The lock request was aborted.', 'AbortError');
}

export function createInMemoryLockManager(): LockManagerLike {
  const held = new Set<string>();
  const queues = new Map<string, Waiter[]>();

  const release = (name: string): void => {
    const next = queues.get(name)?.shift();
    if (queues.get(name)?.length === 0) queues.delete(name);
    if (next) next.grant();
    else held.delete(name);
  };

  return {
    request<T>(
      name: string,
      options: { mode?: 'exclusive' | 'shared'; signal?: AbortSignal; ifAvailable?: boolean },
      callback: (lock: unknown) => Promise<T> | T,
    ): Promise<T> {
      const { signal, ifAvailable } = options;
      if (signal?.aborted) return Promise.reject(abortReason(signal));
      const lock = { name, mode: 'exclusive' as const };
      const run = async (): Promise<T> => {
        try {
          return await callback(lock);
        } finally {
          release(name);
        }
      };
      if (!held.has(name)) {
        held.add(name);
        return run();
      }
      if (ifAvailable) return Promise.resolve().then(() => callback(null));
      return new Promise<T>((resolve, reject) => {
        const onAbort = (): void => {
          const queue = queues.get(name);
          const index = queue?.indexOf(waiter) ?? -1;
          if (queue && index >= 0) queue.splice(index, 1);
          if (queue?.length === 0) queues.delete(name);
          reject(abortReason(signal as AbortSignal));
        };
        const waiter: Waiter = {
          grant() {
            signal?.removeEventListener('abort', onAbort);
            run().then(resolve, reject);
          },
        };
        const queue = queues.get(name) ?? [];
        queue.push(waiter);
        queues.set(name, queue);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
  };
}

let fallbackLocks: LockManagerLike | undefined;

/**
 * `navigator.locks` when the browser has it; otherwise one in-memory manager shared by every client of this
 * realm (so two clients in one tab still serialise their refreshes). Resolved at client creation, never at import.
 */
export function resolveLocks(option: LockManagerLike | null | undefined): LockManagerLike {
  if (option) return option;
  if (option === undefined) {
    const locks = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks;
    if (locks && typeof locks.request === 'function') return locks;
  }
  return (fallbackLocks ??= createInMemoryLockManager());
}

/**
 * Runs `work` holding the exclusive lock `name`. Waiting for the lock is bounded by `timeoutMs`: when another
 * tab holds it longer, this rejects with a recoverable `lock_timeout` and `work` never runs. The wait timer is
 * cleared as soon as the lock is granted (the work itself is bounded by its own request deadlines).
 */
export async function withLock<T>(
  locks: LockManagerLike,
  name: string,
  timeoutMs: number,
  work: () => Promise<T>,
): Promise<T> {
  const wait = deadline(timeoutMs);
  let acquired = false;
  try {
    return await locks.request(name, { mode: 'exclusive', signal: wait.signal }, () => {
      acquired = true;
      wait.clear();
      return work();
    });
  } catch (cause) {
    if (!acquired && wait.signal.aborted) {
      throw new TelnyxAuthError(
        'lock_timeout',
        'Timed out waiting for another tab (a refresh, sign-in or sign-out).',
        {
          cause,
        },
      );
    }
    throw cause;
  } finally {
    wait.clear();
  }
}
