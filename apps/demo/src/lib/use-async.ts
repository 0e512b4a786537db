import { useCallback, useEffect, useState } from 'react';

export type AsyncState<T> =
  | { status: 'loading'; data: T | undefined; error: null }
  | { status: 'loaded'; data: T; error: null }
  | { status: 'failed'; data: T | undefined; error: unknown };

/**
 * Runs `load` (memoise it with useCallback) whenever it changes, and on `reload()`. While reloading, the
 * previous data stays visible so lists do not flash empty. Answers to superseded loads are ignored.
 */
export function useAsync<T>(load: () => PromiseLike<T>): AsyncState<T> & { reload: () => void } {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading', data: undefined, error: null });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    setState((previous) => ({ status: 'loading', data: previous.data, error: null }));
    Promise.resolve(load()).then(
      (data) => {
        if (current) setState({ status: 'loaded', data, error: null });
      },
      (error: unknown) => {
        if (current) setState((previous) => ({ status: 'failed', data: previous.data, error }));
      },
    );
    return () => {
      current = false;
    };
  }, [load, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { ...state, reload };
}
