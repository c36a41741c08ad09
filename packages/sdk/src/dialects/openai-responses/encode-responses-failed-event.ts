// The `response.failed` event for an error after a Responses stream began, where the events
// before it came from elsewhere (a passed-through upstream): the failed Response carries the
// error's code and message, so clients end the stream with it as with OpenAI's own failures.

import type { LlmuxError } from '../../errors/llmux-error.js';
import { createResponsesShell, type ResponsesReplyOptions } from './create-responses-shell.js';
import { toOpenAIErrorCode } from './to-openai-error-code.js';

export function encodeResponsesFailedEvent(error: LlmuxError, options: ResponsesReplyOptions, sequenceNumber: number): string {
  const response = createResponsesShell(options, 'failed');
  response.error = { code: toOpenAIErrorCode(error.status), message: error.message };
  return `event: response.failed\ndata: ${JSON.stringify({ type: 'response.failed', sequence_number: sequenceNumber, response })}\n\n`;
}
