// Anthropic `stop_reason` → OpenAI `finish_reason`.

import type { FinishReason } from '../../spec/index.js';

export function mapAnthropicFinishReason(stopReason: string | null | undefined): FinishReason | null {
  switch (stopReason) {
    case 'end_turn':
    case 'stop_sequence':
    // A server tool paused a long turn; the caller resends to continue, as after a stop.
    case 'pause_turn':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    case null:
    case undefined:
      return null;
    default:
      // Stop reasons added after this was written still end the turn.
      return 'stop';
  }
}
