// `tokenCounter()`: how many prompt tokens a request or a text costs, with OpenAI's
// tokenizers. Used by the router's context-window checks and TPM estimates, and by
// completionCost() when given text.

import type { ChatMessage } from '../spec/chat-message.js';
import type { FunctionTool } from '../spec/chat-tool.js';
import { countMessageTokens } from './count-message-tokens.js';
import { countToolTokens } from './count-tool-tokens.js';
import { loadEncoding } from './load-encoding.js';
import { selectEncoding } from './select-encoding.js';

export interface TokenCounterParams {
  /** `provider/model` or a bare model name; picks the tokenizer (o200k_base by default). */
  model: string;
  messages?: ChatMessage[];
  /** Raw text, counted without any chat framing. */
  text?: string | string[];
  tools?: FunctionTool[];
}

export function tokenCounter(params: TokenCounterParams): number {
  const count = loadEncoding(selectEncoding(params.model));
  let tokens = 0;
  if (params.messages !== undefined) tokens += countMessageTokens(params.messages, count);
  if (params.tools !== undefined) tokens += countToolTokens(params.tools, count);
  if (typeof params.text === 'string') tokens += count(params.text);
  else if (params.text !== undefined) for (const text of params.text) tokens += count(text);
  return tokens;
}
