// A Gemini functionCall part → a canonical tool call: arguments as a JSON string, and an id
// that carries the part's thought signature back on the next turn.

import type { ToolCall } from '../../spec/index.js';
import type { GeminiResponsePart } from './gemini-api.js';
import { createGeminiToolCallId } from './gemini-tool-call-id.js';

type FunctionCallPart = GeminiResponsePart & { functionCall: NonNullable<GeminiResponsePart['functionCall']> };

export function convertGeminiFunctionCall(part: FunctionCallPart): ToolCall {
  return {
    id: createGeminiToolCallId(part.functionCall.id, part.thoughtSignature),
    type: 'function',
    function: { name: part.functionCall.name, arguments: JSON.stringify(part.functionCall.args ?? {}) },
  };
}

export function isFunctionCallPart(part: GeminiResponsePart): part is FunctionCallPart {
  return part.functionCall !== null && part.functionCall !== undefined;
}
