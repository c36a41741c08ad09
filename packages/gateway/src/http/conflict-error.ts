// 409: the request names something that already exists (a model id added twice). Not in
// the SDK's catalog, since no upstream call raises it; the body is OpenAI-shaped all the same.

import { LlmuxError, type LlmuxErrorOptions } from 'llmux';

export class ConflictError extends LlmuxError {
  constructor(message: string, options?: LlmuxErrorOptions) {
    super(message, 409, 'invalid_request_error', { retryable: false, fallbackAllowed: false }, options);
  }
}
