// Wire `finish_reason` → canonical. OpenAI's own values pass unchanged; compatible servers
// add a few of their own.

import type { FinishReason } from '../../spec/index.js';

export function mapOpenAIFinishReason(reason: string | null | undefined): FinishReason | null {
  switch (reason) {
    case 'stop':
    case 'length':
    case 'tool_calls':
    case 'content_filter':
    case 'function_call':
      return reason;
    // Mistral: the context window filled up before the model stopped.
    case 'model_length':
      return 'length';
    // Some servers send an empty string on every chunk until the last.
    case '':
    case null:
    case undefined:
      return null;
    default:
      // `eos`, `end_turn` and values added later still end the turn.
      return 'stop';
  }
}
