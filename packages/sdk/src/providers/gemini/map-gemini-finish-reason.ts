// Gemini `finishReason` → OpenAI `finish_reason`. Gemini ends a function-calling turn with
// STOP, so whether the candidate called a function decides between stop and tool_calls.

import type { FinishReason } from '../../spec/index.js';

export function mapGeminiFinishReason(finishReason: string | null | undefined, calledTools: boolean): FinishReason | null {
  switch (finishReason) {
    case 'STOP':
      return calledTools ? 'tool_calls' : 'stop';
    case 'MAX_TOKENS':
      return 'length';
    case 'SAFETY':
    case 'RECITATION':
    case 'BLOCKLIST':
    case 'PROHIBITED_CONTENT':
    case 'SPII':
    case 'IMAGE_SAFETY':
    case 'IMAGE_PROHIBITED_CONTENT':
    case 'IMAGE_RECITATION':
      return 'content_filter';
    case null:
    case undefined:
      return null;
    default:
      // OTHER, LANGUAGE, MALFORMED_FUNCTION_CALL and reasons added later still end the turn.
      return calledTools ? 'tool_calls' : 'stop';
  }
}
