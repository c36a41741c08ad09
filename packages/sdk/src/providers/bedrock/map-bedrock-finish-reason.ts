// Converse `stopReason` → OpenAI `finish_reason`.

import type { FinishReason } from '../../spec/index.js';

export function mapBedrockFinishReason(stopReason: string | null | undefined): FinishReason | null {
  switch (stopReason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'guardrail_intervened':
    case 'content_filtered':
      return 'content_filter';
    case null:
    case undefined:
      return null;
    default:
      // Stop reasons added after this was written still end the turn.
      return 'stop';
  }
}
