/** Retry timing for recoverable refresh failures: exponential backoff with jitter, Retry-After first. */

const BASE_DELAY_MS = 1000;

/** RFC 9110 §10.2.3: delay-seconds or an HTTP-date. Returns ms from `now`, or undefined when absent/invalid. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * Delay before retry number `attempt` (0-based): the server's Retry-After when it sent one, else
 * 1 s, 2 s, 4 s ... with up to 25 % random jitter so many tabs/clients do not retry in lock-step.
 */
export function retryDelay(
  attempt: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return retryAfterMs;
  const exponential = BASE_DELAY_MS * 2 ** Math.max(0, attempt);
  return Math.round(exponential * (1 + 0.25 * random()));
}

/** Resolves after `ms` using setTimeout (so fake timers control it). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
