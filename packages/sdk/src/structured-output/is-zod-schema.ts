// Tells a zod schema from an OpenAI response_format. The `_zod` marker, unlike
// `instanceof`, also recognises schemas built with another copy of zod (a user's own).

import type { ZodType } from 'zod';
import type { ResponseFormat } from '../spec/response-format.js';

export function isZodSchema(value: ResponseFormat | ZodType): value is ZodType {
  return '_zod' in value && typeof value._zod === 'object' && value._zod !== null;
}
