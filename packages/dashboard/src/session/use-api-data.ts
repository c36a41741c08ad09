// Loads data for a page and tracks loading / error / ready, so every page renders the same
// three states and none is ever blank.

import { useCallback, useEffect, useState } from 'react';

export type LoadState<T> = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; data: T };

export function useApiData<T>(load: () => Promise<T>, dependencies: readonly unknown[]): [LoadState<T>, () => void] {
  const [state, setState] = useState<LoadState<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    load().then(
      (data) => current && setState({ status: 'ready', data }),
      (error: unknown) => current && setState({ status: 'error', error }),
    );
    // A late answer from a superseded load must not overwrite the newer one.
    return () => {
      current = false;
    };
    // `load` is a fresh closure each render; callers list what it reads in `dependencies`.
  }, [...dependencies, generation]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return [state, reload];
}
