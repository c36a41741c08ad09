// Canonical chat request → Converse request body (the same for Converse and
// ConverseStream). Only parameters in the adapter's supportedParams reach here.

import type { ChatCompletionRequest } from '../../spec/index.js';
import { DEFAULT_MAX_TOKENS, THINKING_BUDGET_TOKENS } from '../anthropic/convert-to-anthropic-request.js';
import type { BedrockConverseRequest, BedrockInferenceConfig } from './bedrock-api.js';
import { convertToBedrockMessages } from './convert-to-bedrock-messages.js';
import { convertToBedrockTools } from './convert-to-bedrock-tools.js';
import { isAnthropicModel } from './parse-bedrock-model.js';

export interface ConvertedBedrockRequest {
  body: BedrockConverseRequest;
  /** The reply comes back through the JSON tool (response_format emulation). */
  jsonMode: boolean;
}

export function convertToBedrockRequest(request: ChatCompletionRequest, options: { modelId: string; warnings: string[] }): ConvertedBedrockRequest {
  const { warnings } = options;
  const { system, messages, usesTools } = convertToBedrockMessages(request.messages);
  const budget = thinkingBudget(request, options);
  const tools = convertToBedrockTools(request, { thinking: budget !== undefined, usesTools, warnings });
  const body: BedrockConverseRequest = { messages };

  if (system !== undefined) body.system = system;
  const inferenceConfig = toInferenceConfig(request, budget, warnings);
  if (inferenceConfig !== undefined) body.inferenceConfig = inferenceConfig;
  if (tools.toolConfig !== undefined) body.toolConfig = tools.toolConfig;
  if (budget !== undefined) body.additionalModelRequestFields = { thinking: { type: 'enabled', budget_tokens: budget } };
  return { body, jsonMode: tools.jsonMode };
}

/** reasoning_effort becomes Claude's thinking budget; other Bedrock models have no such field. */
function thinkingBudget(request: ChatCompletionRequest, options: { modelId: string; warnings: string[] }): number | undefined {
  if (request.reasoning_effort === undefined) return undefined;
  if (isAnthropicModel(options.modelId)) return THINKING_BUDGET_TOKENS[request.reasoning_effort];
  options.warnings.push(`dropped parameter "reasoning_effort": Bedrock model "${options.modelId}" takes no reasoning budget through Converse`);
  return undefined;
}

function toInferenceConfig(request: ChatCompletionRequest, budget: number | undefined, warnings: string[]): BedrockInferenceConfig | undefined {
  const config: BedrockInferenceConfig = {};
  const maxTokens = toMaxTokens(request, budget, warnings);
  if (maxTokens !== undefined) config.maxTokens = maxTokens;
  if (request.temperature !== undefined && request.temperature !== null) config.temperature = request.temperature;
  if (request.top_p !== undefined && request.top_p !== null) config.topP = request.top_p;
  if (request.stop !== undefined && request.stop !== null) config.stopSequences = typeof request.stop === 'string' ? [request.stop] : request.stop;
  return Object.keys(config).length === 0 ? undefined : config;
}

/** Claude counts thinking in maxTokens, which must exceed the thinking budget. */
function toMaxTokens(request: ChatCompletionRequest, budget: number | undefined, warnings: string[]): number | undefined {
  const requested = request.max_completion_tokens ?? request.max_tokens ?? undefined;
  if (budget === undefined) return requested;
  if (requested === undefined) {
    const chosen = DEFAULT_MAX_TOKENS + budget;
    warnings.push(`max_tokens was not set; using ${chosen} to leave room for the ${budget}-token thinking budget`);
    return chosen;
  }
  if (requested > budget) return requested;
  const raised = budget + requested;
  warnings.push(`max_tokens ${requested} does not exceed the ${budget}-token thinking budget of reasoning_effort "${request.reasoning_effort}"; raised to ${raised}`);
  return raised;
}
