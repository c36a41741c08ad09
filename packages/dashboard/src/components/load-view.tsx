// Renders one of loading / error / the page's content from a LoadState.

import type { LoadState } from '../session/use-api-data.js';
import { ErrorPanel } from './error-panel.js';

export function LoadView<T>({ state, onRetry, children }: { state: LoadState<T>; onRetry: () => void; children: (data: T) => React.ReactNode }) {
  switch (state.status) {
    case 'loading':
      return <div className="panel panel-loading">Loading…</div>;
    case 'error':
      return <ErrorPanel error={state.error} onRetry={onRetry} />;
    case 'ready':
      return <>{children(state.data)}</>;
    default: {
      const unknownState: never = state;
      return unknownState;
    }
  }
}
