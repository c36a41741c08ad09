// The W3C `traceparent` header (version 00): the caller's trace, which our span joins.

export interface RemoteParent {
  traceId: string;
  spanId: string;
  traceFlags: number;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const INVALID_TRACE = '0'.repeat(32);
const INVALID_SPAN = '0'.repeat(16);

export function parseTraceparent(header: string | string[] | undefined): RemoteParent | undefined {
  if (typeof header !== 'string') return undefined;
  const match = TRACEPARENT.exec(header.trim().toLowerCase());
  if (match === null || match[1] === 'ff') return undefined;
  // The pattern's groups always match, so each is a string; the RegExp type allows undefined.
  const [, , traceId, spanId, flags] = match as unknown as [string, string, string, string, string];
  if (traceId === INVALID_TRACE || spanId === INVALID_SPAN) return undefined;
  return { traceId, spanId, traceFlags: Number.parseInt(flags, 16) };
}
