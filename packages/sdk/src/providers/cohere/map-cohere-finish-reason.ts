// Cohere `finish_reason` → OpenAI `finish_reason`. ERROR and TIMEOUT never get here as
// endings: createCohereFinishError turns them into thrown errors first.

import { createFinishReasonMap } from '../create-finish-reason-map.js';

export const mapCohereFinishReason = createFinishReasonMap({
  COMPLETE: 'stop',
  STOP_SEQUENCE: 'stop',
  USER_CANCEL: 'stop',
  MAX_TOKENS: 'length',
  // v1's name for running out of context: the reply was cut short, as with max_tokens.
  ERROR_LIMIT: 'length',
  TOOL_CALL: 'tool_calls',
  ERROR_TOXIC: 'content_filter',
});
