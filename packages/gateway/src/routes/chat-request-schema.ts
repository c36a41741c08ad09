// The fields of a chat completions body the gateway and the SDK's converters rely on, so a
// malformed body is a 400 naming the field rather than a converter's TypeError (a 500).
// Everything else is lenient: unknown fields and unknown part types pass to the provider,
// which rejects what it cannot serve.

import { z } from 'zod';
import { createChatRequestFastCheck } from './chat-request-fast-check.js';
import type { RequestShape } from '../core/operation.js';
import { endUserIdSchema } from './end-user-id.js';

/** Reports a field a rule requires; the validator words it as a missing parameter. */
function requireField(context: z.RefinementCtx, field: string, message: string): void {
  context.addIssue({ code: 'custom', path: [field], message });
}

const nullableNumber = z.number().nullish();
const nullableInteger = z.number().int().nullish();

const contentPart = z
  .looseObject({
    type: z.string(),
    text: z.string().optional(),
    image_url: z.looseObject({ url: z.string() }).optional(),
  })
  .superRefine((part, context) => {
    if (part.type === 'text' && part.text === undefined) requireField(context, 'text', 'text is required');
    if (part.type === 'image_url' && part.image_url === undefined) {
      requireField(context, 'image_url', 'image_url is required');
    }
  });

const toolCall = z.looseObject({
  id: z.string(),
  type: z.string().optional(),
  function: z.looseObject({ name: z.string(), arguments: z.string() }),
});

/** Roles whose `content` may not be missing or null. */
const CONTENT_REQUIRED = new Set(['system', 'developer', 'user', 'tool']);

const message = z
  .looseObject({
    role: z.string(),
    content: z.union([z.string(), z.array(contentPart)]).nullish(),
    name: z.string().optional(),
    tool_calls: z.array(toolCall).nullish(),
    tool_call_id: z.string().optional(),
  })
  .superRefine((value, context) => {
    if (CONTENT_REQUIRED.has(value.role) && (value.content === undefined || value.content === null)) {
      requireField(context, 'content', 'content is required');
    }
    if (value.role === 'tool' && value.tool_call_id === undefined) {
      requireField(context, 'tool_call_id', 'tool_call_id is required');
    }
  });

const tool = z.looseObject({
  type: z.string(),
  function: z.looseObject({
    name: z.string(),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullish(),
  }),
});

const responseFormat = z
  .looseObject({
    type: z.string(),
    json_schema: z.looseObject({ name: z.string(), schema: z.record(z.string(), z.unknown()).optional() }).optional(),
  })
  .superRefine((format, context) => {
    if (format.type === 'json_schema' && format.json_schema === undefined) {
      requireField(context, 'json_schema', 'json_schema is required');
    }
  });

export const chatRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(message).min(1),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  temperature: nullableNumber,
  top_p: nullableNumber,
  max_tokens: nullableInteger,
  max_completion_tokens: nullableInteger,
  n: nullableInteger,
  stop: z.union([z.string(), z.array(z.string())]).nullish(),
  seed: nullableInteger,
  user: endUserIdSchema,
  presence_penalty: nullableNumber,
  frequency_penalty: nullableNumber,
  logit_bias: z.record(z.string(), z.number()).nullish(),
  logprobs: z.boolean().nullish(),
  top_logprobs: nullableInteger,
  tools: z.array(tool).nullish(),
  tool_choice: z.union([z.string(), z.looseObject({ type: z.string(), function: z.looseObject({ name: z.string() }) })]).nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  response_format: responseFormat.nullish(),
  reasoning_effort: z.string().nullish(),
  // LiteLLM's metadata: any JSON values (`tags` is a list). Only its string values reach the
  // provider, which takes OpenAI's map of strings (split-chat-body.ts).
  metadata: z.record(z.string(), z.unknown()).nullish(),
  service_tier: z.string().nullish(),
  // LiteLLM's routing fields: the Router reads them; they never reach a provider.
  fallbacks: z.array(z.string()).optional(),
  num_retries: z.number().int().nonnegative().max(10).optional(),
  tags: z.array(z.string()).optional(),
  /** With a comma-separated `model`: call every listed model and answer with the fastest. */
  fastest_response: z.boolean().optional(),
});

/** The body fields the gateway knows: routed or checked by the SDK; the rest are the client's extras. */
export const CHAT_REQUEST_FIELDS = Object.keys(chatRequestSchema.shape);

export const CHAT_REQUEST: RequestShape = {
  schema: chatRequestSchema,
  accepts: createChatRequestFastCheck(CHAT_REQUEST_FIELDS),
};
