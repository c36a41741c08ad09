// Cohere v2 wire shapes (`/v2/chat`, `/v2/embed`, `/v2/rerank`): request types we write, and
// lenient zod schemas of just the response and stream fields we read.

import { z } from 'zod';

export type CohereTextPart = { type: 'text'; text: string };
export type CohereImagePart = { type: 'image_url'; image_url: { url: string; detail?: 'auto' | 'low' | 'high' } };

interface CohereToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export type CohereMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string | Array<CohereTextPart | CohereImagePart> }
  | { role: 'assistant'; content?: string; tool_calls?: CohereToolCall[]; tool_plan?: string }
  | { role: 'tool'; tool_call_id: string; content: string };

export interface CohereTool {
  type: 'function';
  function: { name: string; description?: string; parameters?: Record<string, unknown> };
}

export interface CohereChatRequestBody {
  model: string;
  messages: CohereMessage[];
  /** Cohere streams only when asked; llmux always says which. */
  stream: boolean;
  tools?: CohereTool[];
  tool_choice?: 'REQUIRED' | 'NONE';
  response_format?: { type: 'json_object'; json_schema?: Record<string, unknown> };
  temperature?: number;
  p?: number;
  k?: number;
  max_tokens?: number;
  stop_sequences?: string[];
  seed?: number;
  frequency_penalty?: number;
  presence_penalty?: number;
  thinking?: { type: 'enabled' | 'disabled'; token_budget?: number };
}

export interface CohereEmbedRequestBody {
  model: string;
  texts: string[];
  input_type: string;
  embedding_types: ['float'];
  output_dimension?: number;
}

export interface CohereRerankRequestBody {
  model: string;
  query: string;
  documents: string[];
  top_n?: number;
  max_tokens_per_doc?: number;
}

const count = z.number().nullish();

const billedUnitsSchema = z.looseObject({ input_tokens: count, output_tokens: count, search_units: count });
const tokensSchema = z.looseObject({ input_tokens: count, output_tokens: count });

const cohereUsageSchema = z.looseObject({
  billed_units: billedUnitsSchema.nullish(),
  tokens: tokensSchema.nullish(),
  cached_tokens: count,
});
export type CohereUsage = z.infer<typeof cohereUsageSchema>;

const cohereToolCallSchema = z.looseObject({
  id: z.string().nullish(),
  function: z
    .looseObject({
      name: z.string().nullish(),
      /** A JSON string on the wire; an object is tolerated. */
      arguments: z.unknown().optional(),
    })
    .nullish(),
});
export type CohereResponseToolCall = z.infer<typeof cohereToolCallSchema>;

const contentItemSchema = z.looseObject({ type: z.string(), text: z.string().nullish(), thinking: z.string().nullish() });

export const cohereResponseSchema = z.looseObject({
  id: z.string().nullish(),
  message: z.looseObject({
    content: z.union([z.string(), z.array(contentItemSchema)]).nullish(),
    tool_plan: z.string().nullish(),
    tool_calls: z.array(cohereToolCallSchema).nullish(),
  }),
  finish_reason: z.string().nullish(),
  usage: cohereUsageSchema.nullish(),
});
export type CohereResponse = z.infer<typeof cohereResponseSchema>;

/** One stream event's data. Every event type shares this shape; absent parts are optional. */
export const cohereStreamEventSchema = z.looseObject({
  type: z.string(),
  id: z.string().nullish(),
  index: z.number().nullish(),
  delta: z
    .looseObject({
      message: z
        .looseObject({
          // message-start repeats the whole message shape (`content: []`, `tool_calls: []`);
          // only the single-item deltas matter, so any other shape reads as absent.
          content: z.looseObject({ type: z.string().nullish(), text: z.string().nullish(), thinking: z.string().nullish() }).nullish().catch(undefined),
          tool_plan: z.string().nullish(),
          /** A single call (not a list) in tool-call-start and tool-call-delta. */
          tool_calls: cohereToolCallSchema.nullish().catch(undefined),
        })
        .nullish(),
      finish_reason: z.string().nullish(),
      usage: cohereUsageSchema.nullish(),
      error: z.string().nullish(),
    })
    .nullish(),
});

export const cohereErrorBodySchema = z.looseObject({ message: z.string() });

export const cohereEmbedResponseSchema = z.looseObject({
  id: z.string().nullish(),
  embeddings: z.looseObject({ float: z.array(z.array(z.number())) }),
  meta: z.looseObject({ billed_units: billedUnitsSchema.nullish() }).nullish(),
});
export type CohereEmbedResponse = z.infer<typeof cohereEmbedResponseSchema>;

/** The `meta` of embed and rerank replies, in the canonical RerankMeta shape. */
const cohereMetaSchema = z.looseObject({
  api_version: z.looseObject({ version: z.string(), is_experimental: z.boolean().optional() }).optional(),
  billed_units: z.looseObject({ search_units: z.number().optional(), input_tokens: z.number().optional(), output_tokens: z.number().optional() }).optional(),
  tokens: z.looseObject({ input_tokens: z.number().optional(), output_tokens: z.number().optional() }).optional(),
  warnings: z.array(z.string()).optional(),
});

export const cohereRerankResponseSchema = z.looseObject({
  id: z.string().nullish(),
  results: z.array(z.looseObject({ index: z.number(), relevance_score: z.number() })),
  meta: cohereMetaSchema.nullish(),
});
export type CohereRerankResponse = z.infer<typeof cohereRerankResponseSchema>;
