// How a store error reaches the client: the database being down is a 503 the client may
// retry (with Retry-After), not a 500 that reads as a bug; any other error is thrown as it is.

import { ServiceUnavailableError } from 'llmux';
import { isStoreUnavailable } from './is-store-unavailable.js';

const STORE_RETRY_AFTER_SECONDS = 5;

/** Throws `error`, or a 503 `store_unavailable` in its place when the database cannot be reached. */
export function throwStoreError(error: unknown): never {
  if (isStoreUnavailable(error))
    throw new ServiceUnavailableError('The database is not answering; try again shortly.', {
      code: 'store_unavailable',
      retryAfterSeconds: STORE_RETRY_AFTER_SECONDS,
      cause: error,
    });
  throw error;
}
