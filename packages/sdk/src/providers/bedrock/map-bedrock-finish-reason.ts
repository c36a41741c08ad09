// Converse `stopReason` → OpenAI `finish_reason`.

import { createFinishReasonMap } from '../create-finish-reason-map.js';

export const mapBedrockFinishReason = createFinishReasonMap({
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  tool_use: 'tool_calls',
  guardrail_intervened: 'content_filter',
  content_filtered: 'content_filter',
});
