/**
 * A request deadline that works everywhere. `AbortSignal.timeout` is missing in Safari 15.4–15.x (which has
 * Web Locks): without a deadline a hung refresh would hold the cross-tab refresh lock forever. An
 * AbortController with a timer works in every runtime.
 */

/** An abort signal that fires after `ms` (reason: a `TimeoutError` DOMException) or when `parent` aborts. */
export interface Deadline {
  /**
   * Pass it to `fetch` (or anything abortable). Aborts with a `TimeoutError` DOMException after the deadline,
   * or with `parent`'s reason when the parent aborts first (at once if it already had).
   */
  readonly signal: AbortSignal;
  /** Stops the timer and the link to `parent`; call it once the request settled. */
  clear(): void;
}

/**
 * A deadline of `ms` milliseconds from now, linked to the caller's own `parent` signal. Call `clear()` once
 * the request settled: it stops the timer and removes the listener it added to `parent`.
 *
 * @param ms - Milliseconds until the signal aborts with a `TimeoutError` DOMException.
 * @param parent - The caller's signal; its abort is forwarded with its reason.
 *
 * @example
 * ```ts
 * const { signal, clear } = deadline(10_000, options.signal);
 * try {
 *   return await fetch(url, { signal });
 * } finally {
 *   clear();
 * }
 * ```
 */
export function deadline(ms: number, parent?: AbortSignal | null): Deadline {
  const controller = new AbortController();
  const onParentAbort = (): void => controller.abort(parent?.reason);
  const timer = setTimeout(
    () => controller.abort(new DOMException(`The request timed out after ${ms} ms.`, 'TimeoutError')),
    ms,
  );
  if (parent?.aborted) onParentAbort();
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  return {
    signal: controller.signal,
    clear() {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}
