// Gemini generateContent wire shapes (AI Studio and Vertex AI share them): the request types
// we write, and lenient zod schemas of just the response, chunk and error fields we read.

import { z } from 'zod';
import type { JsonSchema } from '../../spec/index.js';

export type GeminiTextPart = { text: string };
export type GeminiPart =
  | GeminiTextPart
  | { inlineData: { mimeType: string; data: string } }
  /** mimeType may be left out for a Files API URI, whose file resource carries its own. */
  | { fileData: { mimeType?: string; fileUri: string } }
  | { functionCall: { name: string; args: Record<string, unknown> }; thoughtSignature?: string }
  | { functionResponse: { name: string; response: Record<string, unknown> } };

export interface GeminiContent {
  role: 'user' | 'model';
  parts: GeminiPart[];
}

export interface GeminiFunctionDeclaration {
  name: string;
  description?: string;
  /** JSON Schema as the caller wrote it; `parameters` would take only Google's OpenAPI subset. */
  parametersJsonSchema?: JsonSchema;
}

export interface GeminiToolConfig {
  functionCallingConfig: { mode: 'AUTO' | 'ANY' | 'NONE'; allowedFunctionNames?: string[] };
}

export interface GeminiGenerationConfig {
  temperature?: number;
  topP?: number;
  topK?: number;
  maxOutputTokens?: number;
  stopSequences?: string[];
  candidateCount?: number;
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  responseMimeType?: string;
  responseJsonSchema?: JsonSchema;
  thinkingConfig?: { thinkingBudget?: number; includeThoughts?: boolean };
}

/** A tool entry holds one kind: the caller's functions, or a built-in tool such as Google Search. */
export type GeminiTool = { functionDeclarations: GeminiFunctionDeclaration[] } | { googleSearch: Record<string, never> };

export interface GeminiRequestBody {
  contents: GeminiContent[];
  systemInstruction?: { parts: GeminiTextPart[] };
  tools?: GeminiTool[];
  toolConfig?: GeminiToolConfig;
  generationConfig?: GeminiGenerationConfig;
}

const count = z.number().nullish();

const geminiUsageSchema = z.looseObject({
  promptTokenCount: count,
  candidatesTokenCount: count,
  totalTokenCount: count,
  thoughtsTokenCount: count,
  cachedContentTokenCount: count,
  toolUsePromptTokenCount: count,
});
export type GeminiUsage = z.infer<typeof geminiUsageSchema>;

const geminiResponsePartSchema = z.looseObject({
  text: z.string().nullish(),
  thought: z.boolean().nullish(),
  thoughtSignature: z.string().nullish(),
  functionCall: z.looseObject({ name: z.string(), args: z.record(z.string(), z.unknown()).nullish(), id: z.string().nullish() }).nullish(),
});
export type GeminiResponsePart = z.infer<typeof geminiResponsePartSchema>;

const geminiCandidateSchema = z.looseObject({
  content: z.looseObject({ parts: z.array(geminiResponsePartSchema).nullish() }).nullish(),
  finishReason: z.string().nullish(),
  finishMessage: z.string().nullish(),
  /** AI Studio numbers candidates; Vertex omits the index. */
  index: z.number().nullish(),
});
export type GeminiCandidate = z.infer<typeof geminiCandidateSchema>;

/** A whole response, and equally one stream chunk (each chunk is a full response object). */
export const geminiResponseSchema = z.looseObject({
  candidates: z.array(geminiCandidateSchema).nullish(),
  promptFeedback: z.looseObject({ blockReason: z.string().nullish(), blockReasonMessage: z.string().nullish() }).nullish(),
  usageMetadata: geminiUsageSchema.nullish(),
  modelVersion: z.string().nullish(),
  responseId: z.string().nullish(),
});
export type GeminiResponse = z.infer<typeof geminiResponseSchema>;

const geminiErrorDetailSchema = z.looseObject({
  code: z.number().nullish(),
  message: z.string().nullish(),
  status: z.string().nullish(),
  details: z.array(z.looseObject({ '@type': z.string().nullish(), reason: z.string().nullish(), retryDelay: z.string().nullish() })).nullish(),
});
export type GeminiErrorDetail = z.infer<typeof geminiErrorDetailSchema>;

export const geminiErrorBodySchema = z.looseObject({ error: geminiErrorDetailSchema });

export const geminiEmbeddingResponseSchema = z.looseObject({
  embeddings: z.array(z.looseObject({ values: z.array(z.number()) })),
});
