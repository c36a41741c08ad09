// A setting's value as a trimmed, non-empty string, or undefined: config and environment
// values arrive as strings, numbers (a YAML port) or nothing, and "" means unset.

export function nonEmptyString(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
