// Canonical chat request → Anthropic Messages request body. Only parameters declared in
// the adapter's supportedParams reach here (check-params removed or rejected the rest).

import type { ChatCompletionRequest, ReasoningEffort } from '../../spec/index.js';
import type { AnthropicRequestBody } from './anthropic-api.js';
import { convertToAnthropicMessages } from './convert-to-anthropic-messages.js';
import { convertToAnthropicTools } from './convert-to-anthropic-tools.js';

/** Anthropic requires max_tokens; OpenAI callers usually leave it out. Every Claude model allows this many. */
export const DEFAULT_MAX_TOKENS = 4096;

/**
 * Thinking budget per reasoning_effort. 1024 is Anthropic's minimum budget, so "minimal"
 * cannot go lower; each step up roughly quadruples the room to think.
 */
export const THINKING_BUDGET_TOKENS: Readonly<Record<ReasoningEffort, number>> = {
  minimal: 1024,
  low: 2048,
  medium: 8192,
  high: 24576,
};

export interface ConvertedAnthropicRequest {
  body: AnthropicRequestBody;
  /** The reply comes back through the JSON tool (response_format emulation). */
  jsonMode: boolean;
}

export function convertToAnthropicRequest(request: ChatCompletionRequest, options: { stream: boolean; warnings: string[] }): ConvertedAnthropicRequest {
  const { warnings } = options;
  const { system, messages } = convertToAnthropicMessages(request.messages);
  const budget = request.reasoning_effort === undefined ? undefined : THINKING_BUDGET_TOKENS[request.reasoning_effort];
  const tools = convertToAnthropicTools(request, budget !== undefined, warnings);
  const body: AnthropicRequestBody = { model: request.model, max_tokens: maxTokens(request, budget, warnings), messages };

  if (system !== undefined) body.system = system;
  if (tools.tools !== undefined) body.tools = tools.tools;
  if (tools.tool_choice !== undefined) body.tool_choice = tools.tool_choice;
  if (request.stop !== undefined && request.stop !== null) {
    body.stop_sequences = typeof request.stop === 'string' ? [request.stop] : request.stop;
  }
  if (request.temperature !== undefined && request.temperature !== null) body.temperature = request.temperature;
  if (request.top_p !== undefined && request.top_p !== null) body.top_p = request.top_p;
  if (request.user !== undefined) body.metadata = { user_id: request.user };
  if (budget !== undefined) body.thinking = { type: 'enabled', budget_tokens: budget };
  if (options.stream) body.stream = true;
  return { body, jsonMode: tools.jsonMode };
}

/** Anthropic's max_tokens counts thinking too, and must exceed the thinking budget. */
function maxTokens(request: ChatCompletionRequest, budget: number | undefined, warnings: string[]): number {
  const requested = request.max_completion_tokens ?? request.max_tokens ?? undefined;
  if (requested === undefined) {
    const chosen = DEFAULT_MAX_TOKENS + (budget ?? 0);
    warnings.push(`max_tokens is required by Anthropic and was not set; using ${chosen}`);
    return chosen;
  }
  if (budget !== undefined && requested <= budget) {
    const raised = budget + requested;
    warnings.push(`max_tokens ${requested} does not exceed the ${budget}-token thinking budget of reasoning_effort "${request.reasoning_effort}"; raised to ${raised}`);
    return raised;
  }
  return requested;
}
