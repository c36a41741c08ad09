// Bedrock Runtime wire shapes: the Converse request we write, and lenient zod schemas of
// just the fields we read from Converse responses, ConverseStream events (one schema per
// `:event-type`, the payload being the inner event), InvokeModel stream chunks and the
// embedding models' replies. Unknown fields and block types pass through.

import { z } from 'zod';

export type BedrockImageFormat = 'png' | 'jpeg' | 'gif' | 'webp';
export type BedrockDocumentFormat = 'pdf' | 'csv' | 'doc' | 'docx' | 'xls' | 'xlsx' | 'html' | 'txt' | 'md';
/** Bytes are a blob, so base64 in JSON. */
type BedrockSource = { bytes: string } | { s3Location: { uri: string } };

/** A prompt-caching breakpoint: the prefix before it is cached. */
export type BedrockCachePoint = { cachePoint: { type: 'default' } };

export type BedrockContentBlock =
  | { text: string }
  | { image: { format: BedrockImageFormat; source: BedrockSource } }
  | { document: { format: BedrockDocumentFormat; name: string; source: BedrockSource } }
  | { toolUse: { toolUseId: string; name: string; input: unknown } }
  | { toolResult: { toolUseId: string; content: Array<{ text: string }> } }
  | BedrockReasoningBlock
  | BedrockCachePoint;

export type BedrockSystemBlock = { text: string } | BedrockCachePoint;

/** Claude's thinking as Converse carries it; redactedContent is a blob, so base64 in JSON. */
export type BedrockReasoningBlock = { reasoningContent: { reasoningText: { text: string; signature?: string } } } | { reasoningContent: { redactedContent: string } };

export interface BedrockMessage {
  role: 'user' | 'assistant';
  content: BedrockContentBlock[];
}

export interface BedrockTool {
  toolSpec: { name: string; description?: string; inputSchema: { json: Record<string, unknown> } };
}

export type BedrockToolChoice = { auto: Record<string, never> } | { any: Record<string, never> } | { tool: { name: string } };

export interface BedrockInferenceConfig {
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stopSequences?: string[];
}

export interface BedrockConverseRequest {
  messages: BedrockMessage[];
  system?: BedrockSystemBlock[];
  inferenceConfig?: BedrockInferenceConfig;
  toolConfig?: { tools: Array<BedrockTool | BedrockCachePoint>; toolChoice?: BedrockToolChoice };
  additionalModelRequestFields?: Record<string, unknown>;
}

const count = z.number().nullish();

const bedrockUsageSchema = z.looseObject({
  inputTokens: count,
  outputTokens: count,
  totalTokens: count,
  cacheReadInputTokens: count,
  cacheWriteInputTokens: count,
});
export type BedrockUsage = z.infer<typeof bedrockUsageSchema>;

const reasoningSchema = z.looseObject({
  reasoningText: z.looseObject({ text: z.string().nullish(), signature: z.string().nullish() }).nullish(),
  redactedContent: z.unknown().optional(),
});

const bedrockResponseBlockSchema = z.looseObject({
  text: z.string().nullish(),
  toolUse: z.looseObject({ toolUseId: z.string(), name: z.string(), input: z.unknown() }).nullish(),
  reasoningContent: reasoningSchema.nullish(),
});

export const bedrockConverseResponseSchema = z.looseObject({
  output: z.looseObject({
    message: z.looseObject({ role: z.string().nullish(), content: z.array(bedrockResponseBlockSchema) }),
  }),
  stopReason: z.string().nullish(),
  usage: bedrockUsageSchema.nullish(),
});
export type BedrockConverseResponse = z.infer<typeof bedrockConverseResponseSchema>;

/** ConverseStream payloads by `:event-type`; types not listed here are skipped. */
export const bedrockStreamEventSchemas = {
  messageStart: z.looseObject({ role: z.string().nullish() }),
  contentBlockStart: z.looseObject({
    contentBlockIndex: z.number(),
    start: z.looseObject({ toolUse: z.looseObject({ toolUseId: z.string(), name: z.string() }).nullish() }).nullish(),
  }),
  contentBlockDelta: z.looseObject({
    contentBlockIndex: z.number(),
    delta: z.looseObject({
      text: z.string().nullish(),
      toolUse: z.looseObject({ input: z.string().nullish() }).nullish(),
      reasoningContent: z.looseObject({ text: z.string().nullish(), signature: z.string().nullish(), redactedContent: z.unknown().optional() }).nullish(),
    }),
  }),
  contentBlockStop: z.looseObject({ contentBlockIndex: z.number().nullish() }),
  messageStop: z.looseObject({ stopReason: z.string().nullish() }),
  metadata: z.looseObject({ usage: bedrockUsageSchema.nullish() }),
} as const;
export type BedrockStreamEventType = keyof typeof bedrockStreamEventSchemas;

/** An InvokeModelWithResponseStream `chunk`: the model's own event, base64-encoded. */
export const bedrockInvokeChunkSchema = z.looseObject({ bytes: z.string() });

export const titanEmbeddingResponseSchema = z.looseObject({
  embedding: z.array(z.number()),
  inputTextTokenCount: count,
});

/** Nova multimodal embeddings: one vector per call, by input type. */
export const novaEmbeddingResponseSchema = z.looseObject({
  embeddings: z.array(z.looseObject({ embeddingType: z.string().nullish(), embedding: z.array(z.number()) })),
});

/** Cohere Embed answers a plain list, or lists by type when `embedding_types` was sent (v4). */
export const cohereEmbeddingResponseSchema = z.looseObject({
  embeddings: z.union([z.array(z.array(z.number())), z.looseObject({ float: z.array(z.array(z.number())) })]),
});
