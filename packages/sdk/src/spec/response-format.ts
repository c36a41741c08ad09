// Canonical `response_format`. The SDK also accepts a zod schema in its place; see
// structured-output/.

import type { JsonSchema } from './chat-tool.js';

export interface JsonSchemaResponseFormat {
  type: 'json_schema';
  json_schema: {
    name: string;
    description?: string;
    schema?: JsonSchema;
    strict?: boolean | null;
  };
}

export type ResponseFormat = { type: 'text' } | { type: 'json_object' } | JsonSchemaResponseFormat;
