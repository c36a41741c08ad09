// POST /v1/messages/count_tokens: Anthropic's token count for a messages body, counted
// here with the SDK's tokenizer. Authenticated and checked for model access; not billed.

import { anthropicCountTokensRequestSchema, countAnthropicMessagesTokens, type AnthropicCountTokensRequest } from 'llmux';
import { sendJson } from '../../http/send-json.js';
import { anthropicMessagesDialect } from '../dialects/anthropic-messages-dialect.js';
import type { Operation } from '../operation.js';

export const countTokensOperation: Operation = {
  names: { name: 'count_tokens', callType: 'anthropic_count_tokens', traceName: 'count_tokens' },
  method: 'POST',
  paths: ['/v1/messages/count_tokens', '/anthropic/v1/messages/count_tokens'],
  dialect: anthropicMessagesDialect,
  request: { schema: anthropicCountTokensRequestSchema },
  billed: false,
  async serve({ context, body }) {
    // The operation's zod schema validated the body as this request shape.
    sendJson(context, 200, JSON.stringify(countAnthropicMessagesTokens(body as unknown as AnthropicCountTokensRequest)));
    return true;
  },
};
