// Counts chat messages the way OpenAI documents for its chat models (the cookbook's
// "How to count tokens with tiktoken"): every message costs 3 tokens of framing plus its
// role, content and name (a name adds 1 more), and every reply is primed with 3 tokens.
// Tool calls add their name and JSON arguments plus 3 tokens of framing each: our
// estimate, since OpenAI does not publish that rendering.

import type { ChatMessage, ContentPart, ToolCall } from '../spec/chat-message.js';
import { countImageTokens } from './count-image-tokens.js';
import type { CountTextTokens } from './load-encoding.js';

const TOKENS_PER_MESSAGE = 3;
const TOKENS_PER_NAME = 1;
const REPLY_PRIMING_TOKENS = 3;
const TOKENS_PER_TOOL_CALL = 3;

export function countMessageTokens(messages: readonly ChatMessage[], count: CountTextTokens): number {
  if (messages.length === 0) return 0;
  let tokens = REPLY_PRIMING_TOKENS;
  for (const message of messages) {
    tokens += TOKENS_PER_MESSAGE + count(message.role) + countContent(message.content, count);
    if ('name' in message && message.name !== undefined) tokens += count(message.name) + TOKENS_PER_NAME;
    if (message.role === 'assistant') {
      if (message.tool_calls !== undefined) tokens += countToolCalls(message.tool_calls, count);
      if (typeof message.refusal === 'string') tokens += count(message.refusal);
    }
  }
  return tokens;
}

function countContent(content: string | readonly ContentPart[] | null | undefined, count: CountTextTokens): number {
  if (content === null || content === undefined) return 0;
  if (typeof content === 'string') return count(content);
  let tokens = 0;
  for (const part of content) tokens += countPart(part, count);
  return tokens;
}

/** Documents and audio are counted by the provider only; a local estimate leaves them out. */
function countPart(part: ContentPart, count: CountTextTokens): number {
  switch (part.type) {
    case 'text':
      return count(part.text);
    case 'image_url':
      return countImageTokens(part);
    case 'file':
    case 'input_audio':
      return 0;
    default: {
      const exhaustive: never = part;
      return exhaustive;
    }
  }
}

function countToolCalls(calls: readonly ToolCall[], count: CountTextTokens): number {
  let tokens = 0;
  for (const call of calls) tokens += TOKENS_PER_TOOL_CALL + count(call.function.name) + count(call.function.arguments);
  return tokens;
}
