// Canonical chat request → Converse request body (the same for Converse and
// ConverseStream). Only parameters in the adapter's supportedParams reach here. Claude's
// own parameters (thinking, top_k) travel in additionalModelRequestFields, Nova's top_k in
// its inferenceConfig there; a model without the field gets a warning instead.

import type { ChatCompletionRequest } from '../../spec/index.js';
import { checkTopK, convertAnthropicThinking, type ThinkingChoice } from '../anthropic/convert-anthropic-thinking.js';
import { claudeMaxTokens } from '../anthropic/convert-to-anthropic-request.js';
import { convertToSamplingParams } from '../convert-to-sampling-params.js';
import type { BedrockConverseRequest, BedrockInferenceConfig } from './bedrock-api.js';
import { convertToBedrockMessages } from './convert-to-bedrock-messages.js';
import { convertToBedrockTools } from './convert-to-bedrock-tools.js';
import { isAnthropicModel } from './parse-bedrock-model.js';

export interface ConvertedBedrockRequest {
  body: BedrockConverseRequest;
  /** The reply comes back through the JSON tool (response_format emulation). */
  jsonMode: boolean;
}

const NO_THINKING: ThinkingChoice = { thinking: undefined, budget: undefined, source: '' };

export function convertToBedrockRequest(request: ChatCompletionRequest, options: { modelId: string; warnings: string[] }): ConvertedBedrockRequest {
  const { warnings, modelId } = options;
  const claude = isAnthropicModel(modelId);
  const nova = modelId.includes('amazon.nova');
  const { system, messages, usesTools } = convertToBedrockMessages(request.messages, { cachePoints: claude || nova, modelId, warnings });
  const thinking = claude ? convertAnthropicThinking(request) : dropThinking(request, options);
  const tools = convertToBedrockTools(request, { thinking: thinking.budget !== undefined, usesTools, cachePoints: claude || nova, warnings });
  const body: BedrockConverseRequest = { messages };

  if (system !== undefined) body.system = system;
  const inferenceConfig = toInferenceConfig(request, thinking, warnings);
  if (inferenceConfig !== undefined) body.inferenceConfig = inferenceConfig;
  if (tools.toolConfig !== undefined) body.toolConfig = tools.toolConfig;
  const additional: Record<string, unknown> = {};
  if (thinking.thinking !== undefined) additional['thinking'] = thinking.thinking;
  if (request.top_k !== undefined && request.top_k !== null) {
    const topK = checkTopK(request.top_k);
    if (claude) additional['top_k'] = topK;
    else if (nova) additional['inferenceConfig'] = { topK };
    else warnings.push(`dropped parameter "top_k": Bedrock model "${modelId}" takes no top_k through Converse`);
  }
  if (Object.keys(additional).length > 0) body.additionalModelRequestFields = additional;
  return { body, jsonMode: tools.jsonMode };
}

/** Thinking and reasoning_effort are Claude's on Converse; other models have no such field. */
function dropThinking(request: ChatCompletionRequest, options: { modelId: string; warnings: string[] }): ThinkingChoice {
  for (const name of ['reasoning_effort', 'thinking'] as const) {
    const value = request[name];
    if (value !== undefined && value !== null) options.warnings.push(`dropped parameter "${name}": Bedrock model "${options.modelId}" takes no reasoning budget through Converse`);
  }
  return NO_THINKING;
}

function toInferenceConfig(request: ChatCompletionRequest, thinking: ThinkingChoice, warnings: string[]): BedrockInferenceConfig | undefined {
  const config: BedrockInferenceConfig = {};
  const maxTokens = claudeMaxTokens(request, thinking, warnings, false);
  if (maxTokens !== undefined) config.maxTokens = maxTokens;
  Object.assign(config, convertToSamplingParams<BedrockInferenceConfig>(request, { temperature: 'temperature', top_p: 'topP', stop: 'stopSequences' }));
  return Object.keys(config).length === 0 ? undefined : config;
}
