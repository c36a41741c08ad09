// The per-request log line, serialised by hand: the same JSON pino writes for
// `logger.info(fields, 'request')` on a logger from createLogger (level, time, LOG_BASE,
// the fields, msg), at ~1.8 µs instead of pino's ~5 µs; it is written on every request
// (docs/benchmarks.md, finding 8). Values are strings, finite numbers, booleans or null.

import { LOG_BASE } from './create-logger.js';

const LEVELS = { info: 30, error: 50 } as const;
const BASE = Object.entries(LOG_BASE)
  .map(([name, value]) => `,${JSON.stringify(name)}:${JSON.stringify(value)}`)
  .join('');

export type LineValue = string | number | boolean | null | undefined;

/** `head` then `tail`, in their key order, undefined values left out (as pino does). */
export function requestLine(level: keyof typeof LEVELS, head: Readonly<Record<string, LineValue>>, tail: Readonly<Record<string, LineValue>>): string {
  return `{"level":${LEVELS[level]},"time":${Date.now()}${BASE}${members(head)}${members(tail)},"msg":"request"}\n`;
}

/** Our own camelCase field names: none needs escaping. */
function members(fields: Readonly<Record<string, LineValue>>): string {
  let text = '';
  for (const name in fields) {
    const value = fields[name];
    if (value !== undefined) text += `,"${name}":${encode(value)}`;
  }
  return text;
}

function encode(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  // JSON has no NaN or Infinity; JSON.stringify writes them as null, and so do we.
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean' || value === null) return String(value);
  // Not expected on this line; kept valid JSON all the same.
  return JSON.stringify(value) ?? 'null';
}
