// The Anthropic Messages API as a client sends it to the gateway (`POST /v1/messages`) and
// reads it back: the request fields the translation reads, and the reply it writes.

/** A prompt-caching hint; only Claude acts on it (see convert-anthropic-messages-prompt.ts). */
export interface AnthropicCacheControl {
  type: string;
  ttl?: string;
  [field: string]: unknown;
}

export interface AnthropicTextBlockParam {
  type: 'text';
  text: string;
  cache_control?: AnthropicCacheControl | null;
  citations?: unknown[] | null;
  [field: string]: unknown;
}

export type AnthropicImageSource = { type: 'base64'; media_type: string; data: string } | { type: 'url'; url: string } | { type: 'file'; file_id: string };

export interface AnthropicImageBlockParam {
  type: 'image';
  source: AnthropicImageSource;
  cache_control?: AnthropicCacheControl | null;
  [field: string]: unknown;
}

/** PDFs, plain text and other documents: the canonical form has no part that holds them. */
export interface AnthropicDocumentBlockParam {
  type: 'document';
  source: { type: string; [field: string]: unknown };
  [field: string]: unknown;
}

export interface AnthropicToolUseBlockParam {
  type: 'tool_use';
  id: string;
  name: string;
  input: unknown;
  cache_control?: AnthropicCacheControl | null;
  [field: string]: unknown;
}

export interface AnthropicToolResultBlockParam {
  type: 'tool_result';
  tool_use_id: string;
  content?: string | AnthropicContentBlockParam[];
  is_error?: boolean | null;
  cache_control?: AnthropicCacheControl | null;
  [field: string]: unknown;
}

export interface AnthropicThinkingBlockParam {
  type: 'thinking';
  thinking: string;
  signature: string;
  [field: string]: unknown;
}

export interface AnthropicRedactedThinkingBlockParam {
  type: 'redacted_thinking';
  data: string;
  [field: string]: unknown;
}

/**
 * The block types the translation knows. Other types (server tool results, search results,
 * types added later) pass the schema unchecked, for the native passthrough; the
 * translation refuses them (or drops them with a warning under drop_params).
 */
export type AnthropicContentBlockParam =
  | AnthropicTextBlockParam
  | AnthropicImageBlockParam
  | AnthropicDocumentBlockParam
  | AnthropicToolUseBlockParam
  | AnthropicToolResultBlockParam
  | AnthropicThinkingBlockParam
  | AnthropicRedactedThinkingBlockParam;

export interface AnthropicMessageParam {
  /** `system` in messages is newer than the top-level field; both are accepted. */
  role: 'user' | 'assistant' | 'system';
  content: string | AnthropicContentBlockParam[];
  [field: string]: unknown;
}

/** A client tool (`type` absent or "custom"); server tools carry another `type`. */
export interface AnthropicToolParam {
  name: string;
  type?: string | null;
  description?: string | null;
  input_schema?: Record<string, unknown>;
  strict?: boolean | null;
  cache_control?: AnthropicCacheControl | null;
  [field: string]: unknown;
}

export type AnthropicToolChoiceParam =
  | { type: 'auto'; disable_parallel_tool_use?: boolean | null }
  | { type: 'any'; disable_parallel_tool_use?: boolean | null }
  | { type: 'tool'; name: string; disable_parallel_tool_use?: boolean | null }
  | { type: 'none' };

export type AnthropicThinkingParam = { type: 'enabled'; budget_tokens: number; [field: string]: unknown } | { type: 'disabled' } | { type: 'adaptive'; [field: string]: unknown };

/** The fields of both bodies, `/v1/messages` and `/v1/messages/count_tokens`. */
export interface AnthropicMessagesRequestFields {
  model: string;
  messages: AnthropicMessageParam[];
  system?: string | AnthropicTextBlockParam[] | null;
  stream?: boolean | null;
  tools?: AnthropicToolParam[] | null;
  tool_choice?: AnthropicToolChoiceParam | null;
  stop_sequences?: string[] | null;
  temperature?: number | null;
  top_p?: number | null;
  top_k?: number | null;
  thinking?: AnthropicThinkingParam | null;
  metadata?: { user_id?: string | null; [field: string]: unknown } | null;
  /** `effort` becomes reasoning_effort; `format` (JSON schema output) becomes response_format. */
  output_config?: { effort?: string | null; format?: { type: string; schema?: Record<string, unknown> } | null; [field: string]: unknown } | null;
  [field: string]: unknown;
}

export interface AnthropicMessagesRequest extends AnthropicMessagesRequestFields {
  max_tokens: number;
}

/** `POST /v1/messages/count_tokens`: the same body, max_tokens optional. */
export interface AnthropicCountTokensRequest extends AnthropicMessagesRequestFields {
  max_tokens?: number;
}

export type AnthropicStopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'refusal';

export type AnthropicResponseBlock =
  | { type: 'text'; text: string }
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'redacted_thinking'; data: string }
  | { type: 'tool_use'; id: string; name: string; input: unknown };

export interface AnthropicResponseUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens?: number;
  cache_read_input_tokens?: number;
}

/** The reply of `POST /v1/messages` (not streamed). */
export interface AnthropicMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: AnthropicResponseBlock[];
  stop_reason: AnthropicStopReason | null;
  stop_sequence: string | null;
  usage: AnthropicResponseUsage;
}
