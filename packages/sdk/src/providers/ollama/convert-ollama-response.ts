// Ollama reply (`/api/chat` or `/api/generate`, not streamed) → canonical chat completion.
// Chat puts text, thinking and tool calls in `message`; generate puts text in `response`
// and thinking at the top level. readOllamaText reads either, for the stream too.

import type { ChatCompletion, ChatCompletionMessage } from '../../spec/index.js';
import type { OllamaChunk } from './ollama-api.js';
import { createCompletionId } from './create-ollama-id.js';
import { convertOllamaToolCalls } from './convert-ollama-tool-calls.js';
import { convertOllamaUsage } from './convert-ollama-usage.js';
import { mapOllamaFinishReason } from './map-ollama-finish-reason.js';

export function convertOllamaResponse(chunk: OllamaChunk, fallback: { model: string; created: number }): ChatCompletion {
  const { content, thinking } = readOllamaText(chunk);
  const toolCalls = convertOllamaToolCalls(chunk.message?.tool_calls ?? []);
  // OpenAI sends null content beside tool calls; Ollama sends "".
  const message: ChatCompletionMessage = { role: 'assistant', content: content === '' && toolCalls.length > 0 ? null : content, refusal: null };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (thinking !== '') message.reasoning_content = thinking;
  return {
    id: createCompletionId(),
    object: 'chat.completion',
    created: parseCreated(chunk.created_at) ?? fallback.created,
    model: chunk.model ?? fallback.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: mapOllamaFinishReason(chunk.done_reason, toolCalls.length > 0) }],
    usage: convertOllamaUsage(chunk),
  };
}

export function readOllamaText(chunk: OllamaChunk): { content: string; thinking: string } {
  return {
    content: chunk.message?.content ?? chunk.response ?? '',
    thinking: chunk.message?.thinking ?? chunk.thinking ?? '',
  };
}

/** Ollama's RFC 3339 `created_at` as Unix seconds. */
export function parseCreated(createdAt: string | null | undefined): number | undefined {
  if (createdAt === null || createdAt === undefined) return undefined;
  const milliseconds = Date.parse(createdAt);
  return Number.isNaN(milliseconds) ? undefined : Math.floor(milliseconds / 1000);
}
