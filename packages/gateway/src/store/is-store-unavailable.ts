// Whether a store error means the database cannot be reached (down, restarting, out of
// connections, timed out), as opposed to a bug or a bad value: the first is a 503 the client
// may retry, never a 500.

/** Node's socket errors on the way to the database. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** PostgreSQL SQLSTATEs: 08 connection exception, 57P01-03 shutting down / cannot connect now, 53300 too many connections. */
const POSTGRES_CODES = new Set(['57P01', '57P02', '57P03', '53300']);
/** pg's own wording for a connection lost or never made (it sets no code). */
const PG_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection refused/i;

export function isStoreUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 4 || error === null || typeof error !== 'object') return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || POSTGRES_CODES.has(code) || code.startsWith('08'))) return true;
  if (error instanceof Error && PG_MESSAGES.test(error.message)) return true;
  // Node reports a refused connection to several addresses as one AggregateError.
  if (error instanceof AggregateError && error.errors.some((inner) => isStoreUnavailable(inner, depth + 1))) return true;
  return isStoreUnavailable((error as { cause?: unknown }).cause, depth + 1);
}
