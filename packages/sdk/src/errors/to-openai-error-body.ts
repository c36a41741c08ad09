// The one serializer for every error body a client sees: OpenAI's
// `{"error":{"message","type","param","code"}}`.

import { LlmuxError } from './llmux-error.js';

export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export function toOpenAIErrorBody(error: LlmuxError): OpenAIErrorBody {
  return {
    error: { message: error.message, type: error.type, param: error.param, code: error.code ?? String(error.status) },
  };
}

export function isLlmuxError(value: unknown): value is LlmuxError {
  return value instanceof LlmuxError;
}
