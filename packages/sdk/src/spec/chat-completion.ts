// The canonical non-streaming chat response (`object: "chat.completion"`).

import type { ToolCall } from './chat-message.js';
import type { ThinkingBlock } from './thinking-block.js';
import type { Usage } from './usage.js';

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call';

export interface ChatCompletionMessage {
  role: 'assistant';
  content: string | null;
  /** Required by OpenAI's schema (CreateChatCompletionResponse); null unless the model refused. Converters set it when they build the message. */
  refusal: string | null;
  tool_calls?: ToolCall[];
  /** llmux extension: reasoning text (DeepSeek, Anthropic thinking, ...). */
  reasoning_content?: string | null;
  /** LiteLLM's extension: signed reasoning blocks in the order the provider sent them; pass them back with the message. */
  thinking_blocks?: ThinkingBlock[];
  /** Set by the SDK when `response_format` was a zod schema and the reply validated. */
  parsed?: unknown;
}

export interface ChatCompletionChoice {
  index: number;
  message: ChatCompletionMessage;
  finish_reason: FinishReason | null;
  /** Required by OpenAI's schema, null when the provider reports none; set where the choice is built, so no pass over the reply is needed. */
  logprobs: unknown;
}

export interface ChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: ChatCompletionChoice[];
  usage?: Usage;
  system_fingerprint?: string | null;
  service_tier?: string | null;
}
