/**
 * Calls every listener of a snapshot or event broadcast. One broken listener must not starve the others: its
 * error is rethrown outside our call stack (it still reaches window.onerror / the test runner). The set is
 * copied first so a listener may unsubscribe (or subscribe) while it runs.
 */
export function callEach<L>(listeners: Iterable<L>, call: (listener: L) => void): void {
  for (const listener of [...listeners]) {
    try {
      call(listener);
    } catch (error) {
      queueMicrotask(() => {
        throw error;
      });
    }
  }
}
