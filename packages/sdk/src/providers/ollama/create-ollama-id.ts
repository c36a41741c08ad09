// Ollama names neither its replies nor (on older servers) its tool calls, while OpenAI
// clients need both: a reply id to log and tool-call ids to answer with tool results.

import { randomBytes } from 'node:crypto';

export function createCompletionId(): string {
  return `chatcmpl-${randomBytes(12).toString('hex')}`;
}

export function createToolCallId(): string {
  return `call_${randomBytes(12).toString('hex')}`;
}
