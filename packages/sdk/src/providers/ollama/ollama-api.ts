// Ollama native API wire shapes (`/api/chat`, `/api/generate`, `/api/embed`): request types
// we write, and lenient zod schemas of just the response fields we read. Chat and generate
// replies share one schema: chat puts the text in `message`, generate at the top level.

import { z } from 'zod';

export interface OllamaToolCall {
  function: { name: string; arguments: unknown };
}

export interface OllamaMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  /** Base64 image data, without a data: URL prefix. */
  images?: string[];
  tool_calls?: OllamaToolCall[];
  /** On `role: "tool"`: the tool whose result this is. */
  tool_name?: string;
  /** Reasoning text of an earlier assistant turn. */
  thinking?: string;
}

export interface OllamaOptions {
  temperature?: number;
  top_p?: number;
  top_k?: number;
  num_predict?: number;
  stop?: string[];
  seed?: number;
  presence_penalty?: number;
  frequency_penalty?: number;
}

export type OllamaThink = boolean | 'low' | 'medium' | 'high';

/** What chat and generate requests have in common beside their prompt. */
export interface OllamaGenerationFields {
  model: string;
  /** Ollama streams unless told otherwise, so llmux always says which. */
  stream: boolean;
  /** `"json"`, or a JSON schema the reply must match. */
  format?: 'json' | Record<string, unknown>;
  options?: OllamaOptions;
  think?: OllamaThink;
}

export interface OllamaChatRequestBody extends OllamaGenerationFields {
  messages: OllamaMessage[];
  tools?: Array<{ type: 'function'; function: { name: string; description?: string; parameters?: Record<string, unknown> } }>;
}

export interface OllamaGenerateRequestBody extends OllamaGenerationFields {
  prompt: string;
  system?: string;
  images?: string[];
}

export interface OllamaEmbedRequestBody {
  model: string;
  input: string | string[];
  dimensions?: number;
}

const count = z.number().nullish();

const ollamaToolCallSchema = z.looseObject({
  /** Newer servers name their calls; older ones (and the docs) do not. */
  id: z.string().nullish(),
  function: z.looseObject({
    name: z.string(),
    /** An object on the wire; a string is tolerated from proxies that re-encode it. */
    arguments: z.unknown().optional(),
  }),
});
export type OllamaResponseToolCall = z.infer<typeof ollamaToolCallSchema>;

/** A non-streaming reply or one NDJSON line, from `/api/chat` or `/api/generate`. */
export const ollamaChunkSchema = z.looseObject({
  model: z.string().nullish(),
  created_at: z.string().nullish(),
  message: z
    .looseObject({
      content: z.string().nullish(),
      thinking: z.string().nullish(),
      tool_calls: z.array(ollamaToolCallSchema).nullish(),
    })
    .nullish(),
  response: z.string().nullish(),
  thinking: z.string().nullish(),
  done: z.boolean().nullish(),
  done_reason: z.string().nullish(),
  prompt_eval_count: count,
  eval_count: count,
});
export type OllamaChunk = z.infer<typeof ollamaChunkSchema>;

export const ollamaErrorBodySchema = z.looseObject({ error: z.string() });

export const ollamaEmbedResponseSchema = z.looseObject({
  model: z.string().nullish(),
  embeddings: z.array(z.array(z.number())),
  prompt_eval_count: count,
});
export type OllamaEmbedResponse = z.infer<typeof ollamaEmbedResponseSchema>;
