// An assistant tool call's `arguments` (a JSON string, as OpenAI sends it) → the value that
// providers taking arguments as JSON (Anthropic, Bedrock, Ollama) put on the wire. Empty
// arguments mean no arguments; anything else that is not JSON is the caller's mistake.

import { BadRequestError } from '../errors/error-classes.js';
import type { ToolCall } from '../spec/index.js';

export function parseToolCallArguments(call: ToolCall, index: number): unknown {
  if (call.function.arguments.trim() === '') return {};
  try {
    return JSON.parse(call.function.arguments);
  } catch {
    throw new BadRequestError(`tool call "${call.id}" has arguments that are not valid JSON`, { param: `messages[${index}].tool_calls` });
  }
}
