// The one narrowing every fake applies to a parsed JSON body before reading its fields.

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
