// Ollama tool calls → OpenAI tool calls: the arguments object becomes the JSON string
// OpenAI clients parse, and calls without an id get a generated one.

import type { ToolCall } from '../../spec/index.js';
import type { OllamaResponseToolCall } from './ollama-api.js';
import { createToolCallId } from './create-ollama-id.js';

export function convertOllamaToolCalls(calls: readonly OllamaResponseToolCall[]): ToolCall[] {
  return calls.map((call) => ({
    id: call.id ?? createToolCallId(),
    type: 'function',
    function: { name: call.function.name, arguments: toArgumentsJson(call.function.arguments) },
  }));
}

function toArgumentsJson(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value ?? {});
}
