// Keys out of log lines: every string a pino line carries (its message, its fields, an
// error's message and stack) is masked for key-shaped text before it is written. Lines are
// few besides the per-request one (which request-line.ts writes from masked fields), so a
// walk of each record costs nothing that matters.

import { maskKeysInText } from 'llmux';
import { stdSerializers } from 'pino';

/** Deep enough for any record we log; deeper values are written as they are. */
const MAX_DEPTH = 6;

export function maskLogRecord(record: Record<string, unknown>): Record<string, unknown> {
  return maskValue(record, 0) as Record<string, unknown>;
}

function maskValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return maskKeysInText(value);
  if (value === null || typeof value !== 'object' || depth >= MAX_DEPTH || value instanceof Error || value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((item) => maskValue(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value)) out[name] = maskValue(item, depth + 1);
  return out;
}

/** pino's error serializer, with the message and stack (and any string field) masked. */
export function serializeMaskedError(error: Error): Record<string, unknown> {
  // pino's serialized error is a plain object; its type lists only the standard fields.
  return maskLogRecord(stdSerializers.err(error) as unknown as Record<string, unknown>);
}

/** The message argument of a log call (`logger.warn(fields, message)`), masked. */
export function maskLogArguments(args: unknown[]): unknown[] {
  return args.map((argument) => (typeof argument === 'string' ? maskKeysInText(argument) : argument));
}
