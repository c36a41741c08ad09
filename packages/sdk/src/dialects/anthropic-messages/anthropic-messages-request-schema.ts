// Lenient zod schemas of a `/v1/messages` (and `/count_tokens`) body: the fields the
// translation reads are checked, so a malformed body is a 400 naming the field (issue paths
// such as messages.0.content.1.text); unknown fields and block types pass, for the passthrough.

import { z } from 'zod';
import type { AnthropicCountTokensRequest, AnthropicMessagesRequest } from './anthropic-messages-api.js';

const cacheControl = z.looseObject({ type: z.string() });

/** Each known block type's own fields; checked only when the block says it is that type. */
const BLOCK_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  text: z.looseObject({ text: z.string(), cache_control: cacheControl.nullish(), citations: z.array(z.unknown()).nullish() }),
  image: z.looseObject({
    source: z.discriminatedUnion('type', [
      z.looseObject({ type: z.literal('base64'), media_type: z.string(), data: z.string() }),
      z.looseObject({ type: z.literal('url'), url: z.string() }),
      z.looseObject({ type: z.literal('file'), file_id: z.string() }),
    ]),
    cache_control: cacheControl.nullish(),
  }),
  document: z.looseObject({ source: z.looseObject({ type: z.string() }) }),
  tool_use: z.looseObject({ id: z.string(), name: z.string(), input: z.unknown(), cache_control: cacheControl.nullish() }),
  tool_result: z.looseObject({
    tool_use_id: z.string(),
    content: z.union([z.string(), z.array(z.lazy(() => contentBlock))]).optional(),
    is_error: z.boolean().nullish(),
    cache_control: cacheControl.nullish(),
  }),
  thinking: z.looseObject({ thinking: z.string(), signature: z.string() }),
  redacted_thinking: z.looseObject({ data: z.string() }),
};

const contentBlock: z.ZodType = z.looseObject({ type: z.string() }).superRefine((block, context) => {
  const schema = BLOCK_SCHEMAS[block.type];
  if (schema === undefined) return;
  const result = schema.safeParse(block);
  // The issues keep their paths, relative to the block, so the 400 names the exact field.
  if (!result.success) for (const issue of result.error.issues) context.addIssue({ ...issue });
});

const textBlock = z.looseObject({ type: z.literal('text'), text: z.string(), cache_control: cacheControl.nullish() });

const message = z.looseObject({
  role: z.enum(['user', 'assistant', 'system']),
  content: z.union([z.string(), z.array(contentBlock)]),
});

const tool = z
  .looseObject({
    name: z.string(),
    type: z.string().nullish(),
    description: z.string().nullish(),
    input_schema: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullish(),
    cache_control: cacheControl.nullish(),
  })
  .superRefine((value, context) => {
    // Server tools (web_search_…, bash_…) have a type of their own and no input schema.
    const custom = value.type === undefined || value.type === null || value.type === 'custom';
    if (custom && value.input_schema === undefined) context.addIssue({ code: 'custom', path: ['input_schema'], message: 'input_schema is required' });
  });

const toolChoice = z
  .looseObject({
    type: z.enum(['auto', 'any', 'tool', 'none']),
    name: z.string().optional(),
    disable_parallel_tool_use: z.boolean().nullish(),
  })
  .superRefine((value, context) => {
    if (value.type === 'tool' && value.name === undefined) context.addIssue({ code: 'custom', path: ['name'], message: 'name is required' });
  });

const thinking = z.looseObject({ type: z.string(), budget_tokens: z.number().int().positive().optional() }).superRefine((value, context) => {
  if (value.type === 'enabled' && value.budget_tokens === undefined) {
    context.addIssue({ code: 'custom', path: ['budget_tokens'], message: 'budget_tokens is required' });
  }
});

const countTokensShape = {
  model: z.string().min(1),
  messages: z.array(message).min(1),
  system: z.union([z.string(), z.array(textBlock)]).nullish(),
  stream: z.boolean().nullish(),
  tools: z.array(tool).nullish(),
  tool_choice: toolChoice.nullish(),
  stop_sequences: z.array(z.string()).nullish(),
  temperature: z.number().min(0).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  top_k: z.number().int().min(0).nullish(),
  thinking: thinking.nullish(),
  metadata: z.looseObject({ user_id: z.string().nullish() }).nullish(),
  output_config: z
    .looseObject({
      effort: z.string().nullish(),
      format: z.looseObject({ type: z.string(), schema: z.record(z.string(), z.unknown()).optional() }).nullish(),
    })
    .nullish(),
};

/**
 * The body of `POST /v1/messages`. The refinements above check exactly the fields the
 * interface promises for the known block types, which is what the cast states.
 */
export const anthropicMessagesRequestSchema = z.looseObject({
  ...countTokensShape,
  max_tokens: z.number().int().positive(),
}) as unknown as z.ZodType<AnthropicMessagesRequest>;

/** The body of `POST /v1/messages/count_tokens` (no max_tokens). */
export const anthropicCountTokensRequestSchema = z.looseObject({
  ...countTokensShape,
  max_tokens: z.number().int().positive().optional(),
}) as unknown as z.ZodType<AnthropicCountTokensRequest>;
