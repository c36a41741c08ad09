// Cohere tool calls → OpenAI tool calls. Cohere already sends ids and JSON-string
// arguments; an object is tolerated and encoded.

import type { ToolCall } from '../../spec/index.js';
import type { CohereResponseToolCall } from './cohere-api.js';

export function convertCohereToolCalls(calls: readonly CohereResponseToolCall[]): ToolCall[] {
  return calls.map((call) => ({
    id: call.id ?? '',
    type: 'function',
    function: { name: call.function?.name ?? '', arguments: toArgumentsJson(call.function?.arguments) },
  }));
}

export function toArgumentsJson(value: unknown): string {
  if (typeof value === 'string') return value;
  return value === undefined || value === null ? '' : JSON.stringify(value);
}
