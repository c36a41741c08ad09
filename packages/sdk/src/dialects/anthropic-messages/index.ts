// The Anthropic Messages dialect (`POST /v1/messages`, `/v1/messages/count_tokens`) for
// deployments whose provider does not speak it: pure conversions to and from the canonical
// (OpenAI chat) form. Claude deployments take the body unchanged (see native/), not these.
//
//   anthropicMessagesRequestSchema      validate the body (lenient: unknown fields and block types pass)
//   convertAnthropicMessagesRequest     body → ChatCompletionRequest + warnings; a field the canonical
//                                       form cannot carry is refused (UnsupportedParamsError, 400, param
//                                       named) or, with dropParams, dropped with a warning naming it.
//                                       cache_control hints are never refused: one warning says they were
//                                       ignored (on canonical parts they would reach OpenAI-style servers,
//                                       and strict ones refuse unknown fields). `callerFields`: routing
//                                       fields the caller read itself, not reported.
//   convertToAnthropicMessage           ChatCompletion → the Anthropic reply, under the client's model name
//   createAnthropicStreamEncoder        ChatCompletionChunk… → Anthropic SSE frames (chunk, end, error);
//                                       `promptTokens` fills message_start, end(usage) the message_delta
//   toAnthropicError                    LlmuxError → { status, body } in Anthropic's error shape
//   countAnthropicMessagesTokens        count_tokens body → { input_tokens }, with the SDK's tokenizer
//
// How fields map (canonical ← Anthropic): system (string or text blocks) → a system message;
// tool_result → tool messages (is_error as an "Error: " lead; images move to the next user
// message); tool_use → tool_calls; thinking/redacted_thinking → thinking_blocks (+ reasoning_content);
// image base64/url → image_url; tools → function tools (input_schema → parameters); tool_choice
// auto/any/tool/none → auto/required/function/none, disable_parallel_tool_use → parallel_tool_calls
// false; stop_sequences → stop; thinking.budget_tokens or output_config.effort → reasoning_effort;
// output_config.format → response_format; metadata.user_id → user; max_tokens → max_completion_tokens;
// stream → stream with stream_options.include_usage.
// Refused or dropped: documents, server tools, top_k, citations, file-id images, unknown fields.
// Back (Anthropic ← canonical): stop → end_turn (tool_use when tool calls came; stop_sequence only
// when the text ends with a requested sequence, since OpenAI-style providers cut it and say "stop"),
// length → max_tokens, tool_calls → tool_use, content_filter → refusal; reasoning without a
// signature becomes a thinking block with signature ""; usage.input_tokens excludes cache reads/writes.

export type * from './anthropic-messages-api.js';
export { anthropicMessagesRequestSchema, anthropicCountTokensRequestSchema } from './anthropic-messages-request-schema.js';
export { convertAnthropicMessagesRequest, type ConvertAnthropicMessagesOptions, type ConvertedAnthropicMessagesRequest } from './convert-anthropic-messages-request.js';
export { convertToAnthropicMessage } from './convert-to-anthropic-message.js';
export { convertToAnthropicUsage } from './convert-to-anthropic-usage.js';
export { createAnthropicStreamEncoder, type AnthropicStreamEncoder, type AnthropicStreamEncoderOptions } from './create-anthropic-stream-encoder.js';
export { encodeAnthropicEvent } from './encode-anthropic-event.js';
export { toAnthropicError, toAnthropicErrorBody, mapToAnthropicErrorType, type AnthropicErrorBody, type AnthropicErrorType } from './to-anthropic-error.js';
export { countAnthropicMessagesTokens } from './count-anthropic-messages-tokens.js';
