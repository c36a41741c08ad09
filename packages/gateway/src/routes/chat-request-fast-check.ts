// A quick yes for the common chat body, before zod. zod copies every object it checks (a
// loose object walks all ~30 fields of the schema), ~10 µs of CPU a request in the server
// (A/B, the bench's configuration). This accepts only bodies the schema certainly accepts:
// plain text messages and scalar parameters. Anything else, including every body the schema
// would refuse, goes to zod, which gives the verdict and the error wording. A test checks
// that no body this accepts is refused by the schema.

import { isJsonObject, nullishBoolean, nullishInteger, nullishNumber, nullishString } from 'llmux';
import { isEndUserId } from './end-user-id.js';

type Check = (value: unknown) => boolean;

/** Fields of the schema with a scalar type, checked here; the other schema fields go to zod. */
const SCALAR_FIELDS: ReadonlyMap<string, Check> = new Map([
  ['model', (value: unknown) => typeof value === 'string' && value.length > 0],
  ['messages', (value: unknown) => Array.isArray(value) && value.length > 0 && value.every(isPlainMessage)],
  ['stream', nullishBoolean],
  ['temperature', nullishNumber],
  ['top_p', nullishNumber],
  ['presence_penalty', nullishNumber],
  ['frequency_penalty', nullishNumber],
  ['max_tokens', nullishInteger],
  ['max_completion_tokens', nullishInteger],
  ['n', nullishInteger],
  ['seed', nullishInteger],
  ['top_logprobs', nullishInteger],
  ['logprobs', nullishBoolean],
  ['parallel_tool_calls', nullishBoolean],
  ['user', isEndUserId],
  ['reasoning_effort', nullishString],
  ['service_tier', nullishString],
]);

/** A message with text content and nothing the schema checks more deeply. */
function isPlainMessage(value: unknown): boolean {
  if (!isJsonObject(value)) return false;
  const { role, content, name, tool_calls: toolCalls, tool_call_id: toolCallId } = value;
  if (typeof role !== 'string' || typeof content !== 'string') return false;
  if (name !== undefined && typeof name !== 'string') return false;
  if (toolCalls !== undefined) return false;
  if (toolCallId !== undefined && typeof toolCallId !== 'string') return false;
  return role !== 'tool' || typeof toolCallId === 'string';
}

/**
 * True when `body` certainly passes the chat request schema. `schemaFields` are the schema's
 * own fields: one of them not checked here sends the body to zod; unknown fields pass, as the
 * schema is loose.
 */
export function createChatRequestFastCheck(schemaFields: readonly string[]): (body: unknown) => boolean {
  const deeperFields = new Set(schemaFields.filter((field) => !SCALAR_FIELDS.has(field)));
  return (body) => {
    if (!isJsonObject(body)) return false;
    if (body['model'] === undefined || body['messages'] === undefined) return false;
    for (const key in body) {
      const check = SCALAR_FIELDS.get(key);
      if (check !== undefined) {
        if (!check(body[key])) return false;
      } else if (deeperFields.has(key)) {
        return false;
      }
    }
    return true;
  };
}
