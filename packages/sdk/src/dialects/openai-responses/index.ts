// The OpenAI Responses dialect (`POST /v1/responses`) for deployments whose provider does not
// speak it: pure conversions to and from the canonical (OpenAI chat) form. OpenAI and Azure
// deployments take the body unchanged (see native/), not these.
//
//   openAIResponsesRequestSchema   validate the body (lenient: unknown fields and item types pass)
//   convertResponsesRequest        body → ChatCompletionRequest + warnings; a field the canonical form
//                                  cannot carry is refused (UnsupportedParamsError, 400, param named)
//                                  or, with dropParams, dropped with a warning naming it
//   convertToResponsesResponse     ChatCompletion → Response object, under the client's model name
//   createResponsesStreamEncoder   ChatCompletionChunk… → Responses SSE events (chunk, end, error)
//   encodeResponsesFailedEvent     a lone response.failed event, for a passed-through stream that broke
//
// How fields map (canonical ← Responses): instructions → a system message; input string → a user
// message; message items by role (input_text → text, input_image image_url → image_url, output_text
// → assistant text); function_call → the assistant turn's tool_calls; function_call_output → a tool
// message; reasoning summaries → the next assistant turn's reasoning_content (encrypted reasoning is
// ignored with a warning); function tools (flat) → chat tools; tool_choice; parallel_tool_calls;
// text.format json_schema/json_object → response_format; max_output_tokens → max_completion_tokens;
// temperature; top_p; reasoning.effort → reasoning_effort; user; metadata.
// Ignored with a warning: prompt_cache_key, include "reasoning.encrypted_content", encrypted reasoning input.
// Refused or dropped: built-in tools, file inputs, item references, text.verbosity, other include values,
// previous_response_id (the SDK keeps no Responses; the gateway resolves it from its store and passes it
// as a caller field), unknown fields.
// Back: finish length → status incomplete (max_output_tokens), content_filter → incomplete
// (content_filter); reasoning → a reasoning item with a summary_text; text → a message with an
// output_text part; tool calls → function_call items keeping the call id.

export type * from './openai-responses-api.js';
export { openAIResponsesRequestSchema } from './openai-responses-request-schema.js';
export { convertResponsesRequest, type ConvertResponsesOptions, type ConvertedResponsesRequest } from './convert-responses-request.js';
export { convertToResponsesResponse } from './convert-to-responses-response.js';
export { convertToResponsesUsage } from './convert-to-responses-usage.js';
export { createResponsesShell, type ResponsesReplyOptions } from './create-responses-shell.js';
export { createResponsesStreamEncoder, type ResponsesStreamEncoder } from './create-responses-stream-encoder.js';
export { encodeResponsesFailedEvent } from './encode-responses-failed-event.js';
