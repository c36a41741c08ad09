// The canonical chat request: OpenAI's `POST /v1/chat/completions` body. Providers receive
// this after the SDK has resolved the model and checked parameters.

import type { ChatMessage } from './chat-message.js';
import type { FunctionTool, ToolChoice } from './chat-tool.js';
import type { ResponseFormat } from './response-format.js';

export type ReasoningEffort = 'minimal' | 'low' | 'medium' | 'high';

export interface ChatCompletionRequest {
  model: string;
  messages: ChatMessage[];
  stream?: boolean | null;
  stream_options?: { include_usage?: boolean } | null;
  temperature?: number | null;
  top_p?: number | null;
  max_tokens?: number | null;
  max_completion_tokens?: number | null;
  n?: number | null;
  stop?: string | string[] | null;
  seed?: number | null;
  user?: string;
  presence_penalty?: number | null;
  frequency_penalty?: number | null;
  logit_bias?: Record<string, number> | null;
  logprobs?: boolean | null;
  top_logprobs?: number | null;
  tools?: FunctionTool[];
  tool_choice?: ToolChoice;
  parallel_tool_calls?: boolean;
  response_format?: ResponseFormat;
  reasoning_effort?: ReasoningEffort;
  metadata?: Record<string, string>;
  service_tier?: string | null;
  // Provider parameters LiteLLM forwards on OpenAI-format bodies. OpenAI-format providers
  // receive them as sent; a native provider maps those it declares in supportedParams and
  // refuses (or, under drop_params, drops with a warning) the rest.
  /** Sampling from the k most likely tokens (Anthropic, Gemini, Bedrock, Cohere, ...). */
  top_k?: number | null;
  /** Anthropic's extended thinking, as LiteLLM accepts it. */
  thinking?: ThinkingParam | null;
  /** OpenAI's web search options; Anthropic and Gemini map them to their search tools. */
  web_search_options?: Record<string, unknown> | null;
}

export type ThinkingParam = { type: 'enabled'; budget_tokens: number } | { type: 'disabled' };

/** Every parameter a provider may or may not support (besides model/messages/stream). */
export type ChatParameterName = Exclude<keyof ChatCompletionRequest, 'model' | 'messages' | 'stream'>;

export const CHAT_PARAMETER_NAMES: readonly ChatParameterName[] = [
  'stream_options',
  'temperature',
  'top_p',
  'max_tokens',
  'max_completion_tokens',
  'n',
  'stop',
  'seed',
  'user',
  'presence_penalty',
  'frequency_penalty',
  'logit_bias',
  'logprobs',
  'top_logprobs',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'response_format',
  'reasoning_effort',
  'metadata',
  'service_tier',
];

/**
 * Parameters that are not OpenAI's own: a provider that forwards unknown fields (the
 * OpenAI-format ones) takes them as sent, any other must declare them in supportedParams.
 */
export const PROVIDER_PARAMETER_NAMES: readonly ChatParameterName[] = ['top_k', 'thinking', 'web_search_options'];
