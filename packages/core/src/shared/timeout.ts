/**
 * A request deadline that works everywhere. `AbortSignal.timeout` is missing in Safari 15.4–15.x (which has
 * Web Locks): without a deadline a hung refresh would hold the cross-tab refresh lock forever. An
 * AbortController with a timer works in every runtime.
 */

/** An abort signal that fires after `ms` (reason: a `TimeoutError` DOMException) or when `parent` aborts. */
export interface Deadline {
  readonly signal: AbortSignal;
  /** Stops the timer and the link to `parent`; call it once the request settled. */
  clear(): void;
}

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
