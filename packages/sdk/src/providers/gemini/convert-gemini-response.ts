// Gemini GenerateContentResponse → canonical chat completion: each candidate a choice, text
// parts → content, thought parts → reasoning_content, functionCall parts → tool_calls.

import { randomBytes } from 'node:crypto';
import type { ChatCompletion, ChatCompletionChoice, ChatCompletionMessage, ToolCall } from '../../spec/index.js';
import type { GeminiCandidate, GeminiResponse } from './gemini-api.js';
import { checkPromptFeedback } from './check-prompt-feedback.js';
import { convertGeminiFunctionCall, isFunctionCallPart } from './convert-gemini-function-call.js';
import { convertGeminiUsage } from './convert-gemini-usage.js';
import { mapGeminiFinishReason } from './map-gemini-finish-reason.js';

export interface GeminiResponseOptions {
  created: number;
  provider: string;
  model: string;
}

export function convertGeminiResponse(response: GeminiResponse, options: GeminiResponseOptions): ChatCompletion {
  checkPromptFeedback(response, options);
  return {
    id: createCompletionId(response.responseId),
    object: 'chat.completion',
    created: options.created,
    model: response.modelVersion ?? options.model,
    choices: (response.candidates ?? []).map(convertCandidate),
    usage: convertGeminiUsage(response.usageMetadata ?? {}),
  };
}

export function createCompletionId(responseId: string | null | undefined): string {
  return responseId !== null && responseId !== undefined && responseId !== '' ? responseId : `chatcmpl-${randomBytes(12).toString('hex')}`;
}

function convertCandidate(candidate: GeminiCandidate, position: number): ChatCompletionChoice {
  const texts: string[] = [];
  const reasoning: string[] = [];
  const toolCalls: ToolCall[] = [];
  for (const part of candidate.content?.parts ?? []) {
    if (isFunctionCallPart(part)) toolCalls.push(convertGeminiFunctionCall(part));
    else if (part.text !== null && part.text !== undefined && part.text !== '') (part.thought === true ? reasoning : texts).push(part.text);
    // Other parts (executableCode, inline images, ...) have no canonical field.
  }
  const message: ChatCompletionMessage = { role: 'assistant', content: texts.length > 0 ? texts.join('') : null, refusal: null };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (reasoning.length > 0) message.reasoning_content = reasoning.join('');
  return {
    index: candidate.index ?? position,
    message,
    logprobs: null,
    finish_reason: mapGeminiFinishReason(candidate.finishReason, toolCalls.length > 0),
  };
}
