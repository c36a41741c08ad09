// The canonical stream chunk (`object: "chat.completion.chunk"`).

import type { FinishReason } from './chat-completion.js';
import type { ThinkingBlockDelta } from './thinking-block.js';
import type { Usage } from './usage.js';

export interface ToolCallDelta {
  index: number;
  id?: string;
  type?: 'function';
  function?: { name?: string; arguments?: string };
}

export interface ChatCompletionChunkDelta {
  role?: 'assistant';
  content?: string | null;
  refusal?: string | null;
  tool_calls?: ToolCallDelta[];
  /** llmux extension: a fragment of reasoning text. */
  reasoning_content?: string | null;
  /** LiteLLM's extension: fragments of signed reasoning blocks (see ThinkingBlockDelta for how they add up). */
  thinking_blocks?: ThinkingBlockDelta[];
}

export interface ChatCompletionChunkChoice {
  index: number;
  delta: ChatCompletionChunkDelta;
  finish_reason: FinishReason | null;
  logprobs?: unknown;
}

export interface ChatCompletionChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: ChatCompletionChunkChoice[];
  /** Present (and non-null) only on the final chunk when usage was requested. */
  usage?: Usage | null;
  system_fingerprint?: string | null;
}
