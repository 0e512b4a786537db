import type { CounterName } from './endpoints.js';

/** Requests per endpoint since start or the last reset, so tests can assert how many calls were made. */
export interface Counters {
  get(name: CounterName): number;
  snapshot(): Record<string, number>;
  reset(): void;
  increment(name: CounterName): void;
}

/** Empty counters. */
export function createCounters(): Counters {
  const counts = new Map<string, number>();
  return {
    get: (name) => counts.get(name) ?? 0,
    snapshot: () => Object.fromEntries([...counts.entries()].sort(([a], [b]) => a.localeCompare(b))),
    reset: () => counts.clear(),
    increment: (name) => {
      counts.set(name, (counts.get(name) ?? 0) + 1);
    },
  };
}
