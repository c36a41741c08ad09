// Turns a zod schema given as `response_format` into OpenAI's json_schema response format,
// and keeps the schema to validate the reply; any other format passes through unchanged.

import { z, type ZodType } from 'zod';
import type { ResponseFormat } from '../spec/response-format.js';
import { isStrictJsonSchema } from './is-strict-json-schema.js';
import { isZodSchema } from './is-zod-schema.js';
import { toStrictJsonSchema } from './to-strict-json-schema.js';

const DEFAULT_NAME = 'response';
/** OpenAI's rule for `json_schema.name`. */
const NAME_MAX_LENGTH = 64;

export function prepareResponseFormat(format: ResponseFormat | ZodType | undefined): {
  responseFormat?: ResponseFormat;
  schema?: ZodType;
} {
  if (format === undefined) return {};
  if (!isZodSchema(format)) return { responseFormat: format };
  const jsonSchema = toStrictJsonSchema(format);
  // The global registry holds `.meta()` and `.describe()` data for any zod 4 schema.
  const meta = z.globalRegistry.get(format);
  const description = meta?.description;
  return {
    schema: format,
    responseFormat: {
      type: 'json_schema',
      json_schema: {
        name: toName(meta?.title ?? meta?.id),
        ...(description !== undefined ? { description } : {}),
        schema: jsonSchema,
        // A schema strict mode cannot express (optional fields, open records, unknown
        // values) is still sent, unenforced: OpenAI would reject it with strict on, and
        // the reply is validated against the zod schema either way.
        strict: isStrictJsonSchema(jsonSchema),
      },
    },
  };
}

function toName(candidate: unknown): string {
  if (typeof candidate !== 'string') return DEFAULT_NAME;
  const name = candidate.replace(/[^a-zA-Z0-9_-]+/g, '_').slice(0, NAME_MAX_LENGTH);
  return name === '' || name === '_' ? DEFAULT_NAME : name;
}
