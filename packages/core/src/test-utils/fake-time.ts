/**
 * Running library work to completion under Vitest's fake timers while real I/O (IndexedDB, the dev server's
 * WebCrypto, parsing a large body) still needs real time to pass.
 */
import { expect, vi } from 'vitest';
import type { AuthEvent } from '../types.js';

export interface DriveOptions {
  /**
   * How fake time moves between turns of real time. `'next-timer'` (default) jumps straight to the library's
   * next timer (backoff, Retry-After, injected latency). A number moves by that many milliseconds a turn, so
   * short timers fire while a longer one (a request's deadline) does not cut off I/O that is still running.
   */
  step?: 'next-timer' | number;
  /** Real milliseconds before giving up (the test then fails). */
  budgetMs?: number;
}

/** Settles `work` (its value, or the error it rejected with), bounded in real time; fails the test if it hangs. */
export async function drive<T>(work: PromiseLike<T>, options: DriveOptions = {}): Promise<T | unknown> {
  const { step = 'next-timer', budgetMs = 30_000 } = options;
  let settled = false;
  const outcome = Promise.resolve(work).then(
    (value) => value,
    (error: unknown) => error,
  );
  void outcome.finally(() => (settled = true));
  const deadline = performance.now() + budgetMs;
  while (!settled && performance.now() < deadline) {
    if (step === 'next-timer') {
      if (vi.getTimerCount() > 0) await vi.advanceTimersToNextTimerAsync();
      else await new Promise((resolve) => setImmediate(resolve));
    } else {
      await new Promise((resolve) => setImmediate(resolve));
      if (!settled && vi.getTimerCount() > 0) await vi.advanceTimersByTimeAsync(step);
    }
  }
  expect(settled).toBe(true);
  return outcome;
}

/** Every event `client` emits from now on, in order. */
export function recordEvents(client: { on(listener: (event: AuthEvent) => void): () => void }): AuthEvent[] {
  const seen: AuthEvent[] = [];
  client.on((event) => seen.push(event));
  return seen;
}
