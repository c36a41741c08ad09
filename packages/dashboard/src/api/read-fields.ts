// Lenient readers for JSON from the management API. The dashboard reads only the fields it
// shows and tolerates missing or extra ones, so it keeps working as the API grows.

export type JsonRecord = Record<string, unknown>;

export function asRecord(value: unknown): JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonRecord) : {};
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function readString(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

export function readNumber(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

export function readStrings(value: unknown): string[] {
  return asArray(value).filter((item): item is string => typeof item === 'string');
}

/** Milliseconds since the epoch from an ISO string or epoch seconds/milliseconds. */
export function readTime(value: unknown): number | null {
  if (typeof value === 'string') {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? null : parsed;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return value < 1e12 ? value * 1000 : value;
  return null;
}

/** The list inside a response that may be a bare array or wrap it under one of `keys`. */
export function readList(json: unknown, ...keys: string[]): unknown[] {
  if (Array.isArray(json)) return json;
  const record = asRecord(json);
  for (const key of keys) {
    if (Array.isArray(record[key])) return record[key] as unknown[];
  }
  return [];
}

/**
 * Each record in `items` that names itself with a non-empty string `idField`, read by `readRow`.
 * A record without one cannot be keyed or linked to, so the dashboard leaves it out.
 */
export function readIdentifiedRows<Row>(items: unknown[], idField: string, readRow: (record: JsonRecord, id: string, item: unknown) => Row): Row[] {
  const rows: Row[] = [];
  for (const item of items) {
    const record = asRecord(item);
    const id = readString(record[idField]);
    if (id !== null) rows.push(readRow(record, id, item));
  }
  return rows;
}
