// Canonical chat request → Anthropic Messages request body. Only parameters declared in
// the adapter's supportedParams reach here (check-params removed or rejected the rest).

import type { ChatCompletionRequest } from '../../spec/index.js';
import { convertToSamplingParams } from '../convert-to-sampling-params.js';
import type { AnthropicRequestBody } from './anthropic-api.js';
import { checkTopK, convertAnthropicThinking, type ThinkingChoice } from './convert-anthropic-thinking.js';
import { convertAnthropicWebSearch } from './convert-anthropic-web-search.js';
import { convertToAnthropicMessages } from './convert-to-anthropic-messages.js';
import { convertToAnthropicTools } from './convert-to-anthropic-tools.js';

// The dialect converters read the budgets from here.
export { THINKING_BUDGET_TOKENS } from './convert-anthropic-thinking.js';

/** Anthropic requires max_tokens; OpenAI callers usually leave it out. Every Claude model allows this many. */
export const DEFAULT_MAX_TOKENS = 4096;

export interface ConvertedAnthropicRequest {
  body: AnthropicRequestBody;
  /** The reply comes back through the JSON tool (response_format emulation). */
  jsonMode: boolean;
}

export function convertToAnthropicRequest(request: ChatCompletionRequest, options: { stream: boolean; warnings: string[] }): ConvertedAnthropicRequest {
  const { warnings } = options;
  const { system, messages } = convertToAnthropicMessages(request.messages);
  const thinking = convertAnthropicThinking(request);
  const tools = convertToAnthropicTools(request, thinking.budget !== undefined, warnings);
  const body: AnthropicRequestBody = { model: request.model, max_tokens: claudeMaxTokens(request, thinking, warnings) ?? DEFAULT_MAX_TOKENS, messages };

  if (system !== undefined) body.system = system;
  if (tools.tools !== undefined) body.tools = tools.tools;
  if (request.web_search_options !== undefined && request.web_search_options !== null) {
    body.tools = [...(body.tools ?? []), convertAnthropicWebSearch(request.web_search_options)];
  }
  if (tools.tool_choice !== undefined) body.tool_choice = tools.tool_choice;
  Object.assign(body, convertToSamplingParams<AnthropicRequestBody>(request, { stop: 'stop_sequences', temperature: 'temperature', top_p: 'top_p' }));
  if (request.top_k !== undefined && request.top_k !== null) body.top_k = checkTopK(request.top_k);
  if (request.user !== undefined) body.metadata = { user_id: request.user };
  if (thinking.thinking !== undefined) body.thinking = thinking.thinking;
  if (options.stream) body.stream = true;
  return { body, jsonMode: tools.jsonMode };
}

/**
 * Claude's max_tokens counts thinking too, and must exceed the thinking budget. Undefined
 * when the caller set none and no thinking needs room (Anthropic then takes the default,
 * Converse its own).
 */
export function claudeMaxTokens(request: ChatCompletionRequest, thinking: ThinkingChoice, warnings: string[], required = true): number | undefined {
  const requested = request.max_completion_tokens ?? request.max_tokens ?? undefined;
  const { budget } = thinking;
  if (requested === undefined) {
    if (budget === undefined && !required) return undefined;
    const chosen = DEFAULT_MAX_TOKENS + (budget ?? 0);
    warnings.push(
      budget === undefined
        ? `max_tokens is required by Anthropic and was not set; using ${chosen}`
        : `max_tokens was not set; using ${chosen} to leave room for the ${budget}-token thinking budget`,
    );
    return chosen;
  }
  if (budget !== undefined && requested <= budget) {
    const raised = budget + requested;
    warnings.push(`max_tokens ${requested} does not exceed the ${budget}-token thinking budget of ${thinking.source}; raised to ${raised}`);
    return raised;
  }
  return requested;
}
