// Tells a store error caused by the data written (a value the store refuses: quarantine the
// row) from one caused by the store's state (down, full, read-only, busy: keep and retry).
// Unknown errors count as the store's state: retried and spooled, never quarantined on a guess.

/** PostgreSQL SQLSTATE classes about the data: 22 data exception (a NUL, a bad number), 23 constraint, 54 a value too large. */
const POSTGRES_DATA_CLASSES = new Set(['22', '23', '54']);
const SQLITE_DATA_CODES = /^SQLITE_(TOOBIG|MISMATCH|CONSTRAINT|RANGE)/;

export function isDataError(error: unknown): boolean {
  // Thrown before anything reached the store (a value JSON or a date cannot encode).
  if (error instanceof TypeError || error instanceof RangeError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return false;
  if (/^[0-9A-Z]{5}$/.test(code)) return POSTGRES_DATA_CLASSES.has(code.slice(0, 2));
  return SQLITE_DATA_CODES.test(code);
}
