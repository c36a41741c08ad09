// A lenient zod schema of a `POST /v1/responses` body: the fields the translation reads are
// checked, so a malformed body is a 400 naming the field (input.1.call_id); unknown fields
// and item types pass, for the passthrough to OpenAI.

import { z } from 'zod';
import type { ResponsesRequest } from './openai-responses-api.js';

const part = z.looseObject({ type: z.string() });

/** Each known item type's own fields; checked only when the item says it is that type. */
const ITEM_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  message: z.looseObject({ role: z.enum(['user', 'assistant', 'system', 'developer']), content: z.union([z.string(), z.array(part)]) }),
  function_call: z.looseObject({ call_id: z.string(), name: z.string(), arguments: z.string() }),
  function_call_output: z.looseObject({ call_id: z.string(), output: z.union([z.string(), z.array(part)]) }),
  reasoning: z.looseObject({
    summary: z.array(z.looseObject({ text: z.string() })).optional(),
    content: z.array(z.looseObject({ text: z.string() })).nullish(),
    encrypted_content: z.string().nullish(),
  }),
};

const item = z.looseObject({ type: z.string().optional() }).superRefine((value, context) => {
  // A message may leave out its type (EasyInputMessage): a role says what it is.
  const schema = ITEM_SCHEMAS[value.type ?? 'message'];
  if (schema === undefined) return;
  const result = schema.safeParse(value);
  if (!result.success) for (const issue of result.error.issues) context.addIssue({ ...issue });
});

const tool = z.looseObject({ type: z.string() }).superRefine((value, context) => {
  if (value.type === 'function' && typeof value['name'] !== 'string') context.addIssue({ code: 'custom', path: ['name'], message: 'name is required' });
});

/** The body of `POST /v1/responses`; the refinements check what the interface promises. */
export const openAIResponsesRequestSchema = z.looseObject({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(item)]).optional(),
  instructions: z.string().nullish(),
  tools: z.array(tool).nullish(),
  tool_choice: z.union([z.enum(['none', 'auto', 'required']), z.looseObject({ type: z.string() })]).nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  text: z.looseObject({ format: z.looseObject({ type: z.string() }).nullish() }).nullish(),
  max_output_tokens: z.number().int().positive().nullish(),
  temperature: z.number().min(0).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  reasoning: z.looseObject({ effort: z.string().nullish() }).nullish(),
  stream: z.boolean().nullish(),
  store: z.boolean().nullish(),
  user: z.string().nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
}) as unknown as z.ZodType<ResponsesRequest>;
