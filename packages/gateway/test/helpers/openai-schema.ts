// Validates bodies against OpenAI's own schemas: the trimmed copy of openai-openapi's component
// schemas in fixtures/openai-openapi/chat-schemas.json (source and trimming in its README).

import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';

export type OpenAISchemaName = 'CreateChatCompletionResponse' | 'CreateChatCompletionStreamResponse' | 'CreateEmbeddingResponse' | 'ErrorResponse';

const SCHEMAS_URL = new URL('../fixtures/openai-openapi/chat-schemas.json', import.meta.url);
const ajv = new Ajv2020({ strict: true, allErrors: true });
// The document's formats: `uri` is checked; `float` and `unixtime` only describe a number.
ajv.addFormat('uri', { validate: (value: string) => URL.canParse(value) });
ajv.addFormat('float', { type: 'number', validate: () => true });
ajv.addFormat('unixtime', { type: 'number', validate: () => true });
ajv.addSchema(JSON.parse(readFileSync(SCHEMAS_URL, 'utf8')) as object);

/** Schema violations of `value` as readable lines; empty when it conforms. */
function openAISchemaErrors(name: OpenAISchemaName, value: unknown): string[] {
  const validate = ajv.getSchema(`openai-chat-schemas#/$defs/${name}`);
  if (validate === undefined) throw new Error(`no schema ${name} in chat-schemas.json`);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? error.keyword} ${JSON.stringify(error.params)}`);
}

/** Throws, naming each violation and the body, unless `value` conforms to OpenAI's schema `name`. */
export function assertOpenAISchema(name: OpenAISchemaName, value: unknown, label: string): void {
  const errors = openAISchemaErrors(name, value);
  if (errors.length > 0) throw new Error(`${label} does not conform to OpenAI's ${name}:\n  ${errors.join('\n  ')}\n${JSON.stringify(value)}`);
}
