// Ollama `done_reason` → OpenAI `finish_reason`.

import type { FinishReason } from '../../spec/index.js';

export function mapOllamaFinishReason(doneReason: string | null | undefined, hasToolCalls: boolean): FinishReason {
  // Ollama reports "stop" after a turn that called tools; OpenAI clients loop on tool_calls.
  if (hasToolCalls) return 'tool_calls';
  if (doneReason === 'length') return 'length';
  // "stop", "load"/"unload" (answers to requests that only load or unload a model), servers
  // older than done_reason and reasons added later all mean the turn ended.
  return 'stop';
}
