// Anthropic `stop_reason` → OpenAI `finish_reason`.

import { createFinishReasonMap } from '../create-finish-reason-map.js';

export const mapAnthropicFinishReason = createFinishReasonMap({
  end_turn: 'stop',
  stop_sequence: 'stop',
  // A server tool paused a long turn; the caller resends to continue, as after a stop.
  pause_turn: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
});
