// OpenAI Chat Completions wire shapes as lenient zod schemas of just the fields llmux reads.
// Unknown fields pass through, and fields that OpenAI-compatible servers omit or null
// (finish_reason, content, tool-call type and index, logprobs) are optional.

import { z } from 'zod';

const count = z.number().nullish();

export const openAIUsageSchema = z.looseObject({
  prompt_tokens: count,
  completion_tokens: count,
  total_tokens: count,
  prompt_tokens_details: z.looseObject({ cached_tokens: count, audio_tokens: count }).nullish(),
  completion_tokens_details: z
    .looseObject({
      reasoning_tokens: count,
      audio_tokens: count,
      accepted_prediction_tokens: count,
      rejected_prediction_tokens: count,
    })
    .nullish(),
  /** DeepSeek's name for cached prompt tokens, when prompt_tokens_details is absent. */
  prompt_cache_hit_tokens: count,
});
export type OpenAIUsage = z.infer<typeof openAIUsageSchema>;

const openAIToolCallSchema = z.looseObject({
  id: z.string().nullish(),
  type: z.string().nullish(),
  index: z.number().nullish(),
  function: z
    .looseObject({
      name: z.string().nullish(),
      /** A JSON string from OpenAI; some servers send the object itself. */
      arguments: z.unknown().optional(),
    })
    .nullish(),
});
export type OpenAIToolCall = z.infer<typeof openAIToolCallSchema>;

/** A response message or a stream delta: the same fields, all optional in a delta. */
const openAIMessageSchema = z.looseObject({
  role: z.string().nullish(),
  /** A string, or (Mistral) an array of typed parts that may include `thinking`. */
  content: z.union([z.string(), z.array(z.unknown())]).nullish(),
  refusal: z.string().nullish(),
  reasoning_content: z.string().nullish(),
  reasoning: z.string().nullish(),
  tool_calls: z.array(openAIToolCallSchema).nullish(),
});
export type OpenAIMessage = z.infer<typeof openAIMessageSchema>;

export const openAIResponseSchema = z.looseObject({
  id: z.string().nullish(),
  created: z.number().nullish(),
  model: z.string().nullish(),
  choices: z.array(
    z.looseObject({
      index: z.number().nullish(),
      message: openAIMessageSchema.nullish(),
      finish_reason: z.string().nullish(),
      logprobs: z.unknown().optional(),
    }),
  ),
  usage: openAIUsageSchema.nullish(),
  system_fingerprint: z.string().nullish(),
  service_tier: z.string().nullish(),
});
export type OpenAIResponse = z.infer<typeof openAIResponseSchema>;

export const openAIChunkSchema = z.looseObject({
  id: z.string().nullish(),
  created: z.number().nullish(),
  model: z.string().nullish(),
  choices: z
    .array(
      z.looseObject({
        index: z.number().nullish(),
        delta: openAIMessageSchema.nullish(),
        finish_reason: z.string().nullish(),
        logprobs: z.unknown().optional(),
      }),
    )
    .nullish(),
  usage: openAIUsageSchema.nullish(),
  system_fingerprint: z.string().nullish(),
});
export type OpenAIChunk = z.infer<typeof openAIChunkSchema>;

const errorDetailSchema = z.looseObject({
  /** Usually a string; Mistral's validation errors put an object here. */
  message: z.unknown().optional(),
  type: z.string().nullish(),
  param: z.string().nullish(),
  /** OpenAI sends a string; vLLM and others send the HTTP status as a number. */
  code: z.union([z.string(), z.number()]).nullish(),
});
export type OpenAIErrorDetail = z.infer<typeof errorDetailSchema>;

/** `{"error":{...}}` (OpenAI), `{"error":"text"}` (some proxies). */
export const openAIErrorBodySchema = z.looseObject({ error: z.union([errorDetailSchema, z.string()]) });

/** The flat `{"object":"error","message":...}` envelope of Mistral and vLLM. */
export const flatErrorBodySchema = errorDetailSchema.extend({
  message: z.union([z.string(), z.array(z.unknown()), z.looseObject({})]),
});

export const openAIEmbeddingResponseSchema = z.looseObject({
  data: z.array(z.looseObject({ index: z.number().nullish(), embedding: z.union([z.array(z.number()), z.string()]) })),
  model: z.string().nullish(),
  usage: z.looseObject({ prompt_tokens: count, total_tokens: count }).nullish(),
});
export type OpenAIEmbeddingResponse = z.infer<typeof openAIEmbeddingResponseSchema>;

export const openAIModelListSchema = z.looseObject({
  data: z.array(z.looseObject({ id: z.string(), created: count, owned_by: z.string().nullish() })),
});
export type OpenAIModelList = z.infer<typeof openAIModelListSchema>;
