/**
 * One upstream call per key at a time, and its result handed to the same key for a short window after it
 * finished. Two tabs refreshing with the same cookie get one upstream refresh; a request still carrying the
 * old cookie shortly after (it was sent before the rotated cookie arrived) gets the same rotated result
 * instead of presenting a spent refresh token, which a rotating server answers by revoking the session.
 *
 * Per process: instances of a serverless deployment do not share it (the browser transport serialises
 * refreshes across tabs with Web Locks, so the window is a second line of defence).
 */
import { encodeBase64url } from './base64url.js';

interface Entry<T> {
  readonly promise: Promise<T>;
  settledAt?: number;
  value?: T;
}

export interface SingleFlight<T> {
  /** Runs `task` unless a call for `key` is in flight or finished within the window; `shared` says which. */
  run(key: string, task: () => Promise<T>): Promise<{ value: T; shared: boolean }>;
  /**
   * Forgets `key` and every finished result that matches (a logout must not let an older cookie be handed
   * the session back from the window).
   */
  forget(key: string, matches: (value: T) => boolean): void;
  /** Entries kept (tests). */
  size(): number;
}

/** Keys kept at most; beyond it the oldest are dropped (they only save an upstream call). */
const MAX_ENTRIES = 10_000;

/** A single flight whose finished results are reused for `windowMs` (0: only while in flight). */
export function createSingleFlight<T>(windowMs: number, now: () => number): SingleFlight<T> {
  const entries = new Map<string, Entry<T>>();

  const expired = (entry: Entry<T>, time: number): boolean =>
    entry.settledAt !== undefined && time - entry.settledAt >= windowMs;

  function prune(time: number): void {
    for (const [key, entry] of entries) {
      if (expired(entry, time) || entries.size > MAX_ENTRIES) entries.delete(key);
    }
  }

  return {
    async run(key, task) {
      const time = now();
      prune(time);
      const existing = entries.get(key);
      if (existing) return { value: await existing.promise, shared: true };
      const entry: Entry<T> = { promise: task() };
      entries.set(key, entry);
      try {
        const value = await entry.promise;
        entry.value = value;
        entry.settledAt = now();
        if (windowMs === 0) entries.delete(key);
        return { value, shared: false };
      } catch (error) {
        // Failures are shared with the calls that waited, not remembered: the next call tries again.
        if (entries.get(key) === entry) entries.delete(key);
        throw error;
      }
    },
    forget(forgotten, matches) {
      entries.delete(forgotten);
      for (const [key, entry] of entries) {
        if (entry.settledAt !== undefined && entry.value !== undefined && matches(entry.value))
          entries.delete(key);
      }
    },
    size: () => entries.size,
  };
}

/** A key that names a secret without holding it: SHA-256 over the parts, base64url. */
export async function flightKey(...parts: string[]): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(parts.join('\0')));
  return encodeBase64url(new Uint8Array(digest));
}
