// Canonical chat request → InvokeModel body for Claude: the Anthropic provider's Messages
// body, without `model` (it is in the path) or `stream` (the operation says it), with the
// Bedrock API version Anthropic's models require.

import type { ChatCompletionRequest } from '../../spec/index.js';
import type { AnthropicRequestBody } from '../anthropic/anthropic-api.js';
import { convertToAnthropicRequest } from '../anthropic/convert-to-anthropic-request.js';

export const BEDROCK_ANTHROPIC_VERSION = 'bedrock-2023-05-31';

type BedrockInvokeAnthropicBody = Omit<AnthropicRequestBody, 'model' | 'stream'> & { anthropic_version: string };

export interface ConvertedBedrockInvokeRequest {
  body: BedrockInvokeAnthropicBody;
  jsonMode: boolean;
}

export function convertToBedrockInvokeRequest(request: ChatCompletionRequest, warnings: string[]): ConvertedBedrockInvokeRequest {
  const converted = convertToAnthropicRequest(request, { stream: false, warnings });
  const { model: _model, stream: _stream, ...rest } = converted.body;
  return { body: { anthropic_version: BEDROCK_ANTHROPIC_VERSION, ...rest }, jsonMode: converted.jsonMode };
}
