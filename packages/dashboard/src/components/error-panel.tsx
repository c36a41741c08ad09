// What a page shows when the API says no: a denied key gets a plain explanation, any other
// failure its message, so a failed call never leaves a blank page.

import { useContext } from 'react';
import { ApiError } from '../api/api-error.js';
import { SignedInContext } from '../session/api-context.js';

export function ErrorPanel({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const message = error instanceof Error ? error.message : String(error);
  const denied = error instanceof ApiError && error.isDenied;
  // A 401 after sign-in means the key was blocked, deleted or expired meanwhile.
  const signedIn = useContext(SignedInContext);
  const keyRejected = signedIn !== null && error instanceof ApiError && error.status === 401;
  return (
    <div className="panel panel-error" role="alert">
      <strong>{denied ? `Not allowed (${(error as ApiError).status})` : 'Could not load this'}</strong>
      <p>{denied ? `Your key may not see this page. The gateway said: ${message}` : message}</p>
      {keyRejected && (
        <button type="button" onClick={signedIn.signOut}>
          Sign in with another key
        </button>
      )}
      {onRetry !== undefined && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
