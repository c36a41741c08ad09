// Type checks of parsed JSON values, for the quick checks that run before a zod schema
// (the gateway's chat body, OpenAI replies and chunks): each says yes only when the schema's
// field would certainly accept the value. Null and absent count alike, as in `.nullish()`.

export type JsonFields = Record<string, unknown>;

/** A JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is JsonFields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const isNullish = (value: unknown): boolean => value === undefined || value === null;
export const nullishString = (value: unknown): boolean => isNullish(value) || typeof value === 'string';
export const nullishNumber = (value: unknown): boolean => isNullish(value) || typeof value === 'number';
export const nullishBoolean = (value: unknown): boolean => isNullish(value) || typeof value === 'boolean';
/** zod's `.int()` takes safe integers only. */
export const nullishInteger = (value: unknown): boolean => isNullish(value) || Number.isSafeInteger(value);
