// Canonical finish_reason → Anthropic stop_reason (and the stop sequence that ended the
// turn, when one can be seen).

import type { FinishReason } from '../../spec/index.js';
import type { AnthropicStopReason } from './anthropic-messages-api.js';

export interface AnthropicStop {
  stop_reason: AnthropicStopReason;
  stop_sequence: string | null;
}

/**
 * `toolUse`: the reply holds tool calls (some providers end such a turn with "stop").
 * `text`: the reply's text, or its tail. OpenAI-style providers report a stop sequence
 * only as "stop" and cut it from the text; providers that keep it let us name it.
 */
export function mapToAnthropicStopReason(
  finishReason: FinishReason | null,
  context: { toolUse: boolean; text: string; stopSequences: readonly string[] | undefined },
): AnthropicStop {
  switch (finishReason) {
    case 'stop':
    case null: {
      if (context.toolUse) return { stop_reason: 'tool_use', stop_sequence: null };
      const sequence = context.stopSequences?.find((candidate) => candidate !== '' && context.text.endsWith(candidate));
      return sequence === undefined ? { stop_reason: 'end_turn', stop_sequence: null } : { stop_reason: 'stop_sequence', stop_sequence: sequence };
    }
    case 'length':
      return { stop_reason: 'max_tokens', stop_sequence: null };
    case 'tool_calls':
    case 'function_call':
      return { stop_reason: 'tool_use', stop_sequence: null };
    case 'content_filter':
      return { stop_reason: 'refusal', stop_sequence: null };
    default: {
      const unknown: never = finishReason;
      // A finish reason a provider invents (or one added later) still ends the turn.
      void unknown;
      return { stop_reason: 'end_turn', stop_sequence: null };
    }
  }
}
