// `POST /v1/messages/count_tokens` for translated deployments: the request is converted as
// for a call and counted with the SDK's tokenizer over its messages, system and tools.

import { tokenCounter } from '../../token-counter/token-counter.js';
import type { AnthropicCountTokensRequest } from './anthropic-messages-api.js';
import { convertAnthropicMessagesRequest } from './convert-anthropic-messages-request.js';

export function countAnthropicMessagesTokens(body: AnthropicCountTokensRequest): { input_tokens: number } {
  // Counting refuses nothing: a field the call would refuse costs no prompt tokens anyway.
  const { request } = convertAnthropicMessagesRequest(body, { dropParams: true });
  const params = request.tools === undefined ? { model: body.model, messages: request.messages } : { model: body.model, messages: request.messages, tools: request.tools };
  return { input_tokens: tokenCounter(params) };
}
