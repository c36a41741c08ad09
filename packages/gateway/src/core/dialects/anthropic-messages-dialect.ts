// Anthropic's wire format at /v1/messages and /anthropic/...: errors as
// `{"type":"error","error":{"type":…,"message":…}}` with Anthropic's types and statuses (the
// SDK's toAnthropicErrorBody), and a stream error as an `event: error` SSE event. Budget and
// limit refusals keep their 429 and retry-after and take the `rate_limit_error` type.

import { mapToAnthropicErrorType, toAnthropicErrorBody } from 'llmux';
import { recordError, sendErrorAs, type ErrorReply } from '../../http/send-error.js';
import type { Dialect } from '../dialect.js';

const anthropicReply: ErrorReply = (error) => ({ status: mapToAnthropicErrorType(error.status).status, body: toAnthropicErrorBody(error) });

export const anthropicMessagesDialect: Dialect = {
  id: 'anthropic-messages',
  pathPrefixes: ['/v1/messages', '/anthropic/'],
  writeError: (context, error) => sendErrorAs(context, error, anthropicReply),
  streamError: (context, error) => `event: error\ndata: ${JSON.stringify(toAnthropicErrorBody(recordError(context, error)))}\n\n`,
};
