/**
 * Adds `listener` to a browser global that may be missing (server rendering, workers, tests) and returns the
 * function that removes it again (one that does nothing when there was no target).
 */
export function addListener(
  target: EventTarget | undefined,
  type: string,
  listener: (event: Event) => void,
): () => void {
  if (typeof target?.addEventListener !== 'function') return () => undefined;
  target.addEventListener(type, listener);
  return () => target.removeEventListener(type, listener);
}
