// Cohere `finish_reason` → OpenAI `finish_reason`. ERROR and TIMEOUT never get here as
// endings: createCohereFinishError turns them into thrown errors first.

import type { FinishReason } from '../../spec/index.js';

export function mapCohereFinishReason(finishReason: string | null | undefined): FinishReason | null {
  switch (finishReason) {
    case 'COMPLETE':
    case 'STOP_SEQUENCE':
    case 'USER_CANCEL':
      return 'stop';
    case 'MAX_TOKENS':
    // v1's name for running out of context: the reply was cut short, as with max_tokens.
    case 'ERROR_LIMIT':
      return 'length';
    case 'TOOL_CALL':
      return 'tool_calls';
    case 'ERROR_TOXIC':
      return 'content_filter';
    case null:
    case undefined:
      return null;
    default:
      // Reasons added after this was written still end the turn.
      return 'stop';
  }
}
