// A prompt Gemini refused outright comes back as a 200 with promptFeedback.blockReason and no
// candidates. That is the caller's content, not an empty answer: it becomes the typed error.

import { ContentPolicyViolationError } from '../../errors/error-classes.js';
import type { GeminiResponse } from './gemini-api.js';

export function checkPromptFeedback(response: GeminiResponse, options: { provider: string; model: string }): void {
  const blockReason = response.promptFeedback?.blockReason;
  if (blockReason === null || blockReason === undefined || (response.candidates ?? []).length > 0) return;
  const detail = response.promptFeedback?.blockReasonMessage;
  throw new ContentPolicyViolationError(`${options.provider} blocked the prompt (${blockReason})${detail ? `: ${detail}` : ''}`, {
    provider: options.provider,
    model: options.model,
  });
}
