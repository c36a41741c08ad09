// Passthrough for Claude on Bedrock: the client's Messages body goes to InvokeModel (or its
// stream) without `model` (it is in the path) and `stream` (the operation says it), with
// Bedrock's `anthropic_version`, and anthropic-beta moved into the body's `anthropic_beta`
// list, where Bedrock reads it (flags Bedrock refuses are dropped with a warning, see
// native/filter-anthropic-betas.ts). The JSON reply comes back as sent; the event stream is
// re-framed as Anthropic's SSE.

import { createNativeJsonReply, openNativeStreamReply } from '../../native/create-native-reply.js';
import { collectAnthropicBetas, filterAnthropicBetas } from '../../native/filter-anthropic-betas.js';
import type { NativeReply, NativeRequest, NativeSupport } from '../../native/native-support.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { BEDROCK_ANTHROPIC_BETAS } from './bedrock-anthropic-betas.js';
import { convertBedrockInvokeSse } from './convert-bedrock-invoke-sse.js';
import { BEDROCK_ANTHROPIC_VERSION } from './convert-to-bedrock-invoke-request.js';
import { isAnthropicModel, parseBedrockModel } from './parse-bedrock-model.js';
import { readBedrockEvents } from './read-bedrock-events.js';
import { sendBedrockRequest } from './send-bedrock-request.js';

export const BEDROCK_NATIVE: NativeSupport = {
  speaks: (dialect, model) => dialect === 'anthropic-messages' && isClaude(model),
  send,
};

function isClaude(model: string): boolean {
  try {
    return isAnthropicModel(parseBedrockModel(model).modelId);
  } catch {
    // A model string without an id: the call itself will say so.
    return false;
  }
}

async function send(request: NativeRequest, context: ProviderCallContext): Promise<NativeReply> {
  const model = parseBedrockModel(context.model);
  const { model: _model, stream: _stream, ...rest } = request.body;
  const body: Record<string, unknown> = { ...rest, anthropic_version: BEDROCK_ANTHROPIC_VERSION };
  const listed = Array.isArray(rest['anthropic_beta']) ? rest['anthropic_beta'].filter((beta): beta is string => typeof beta === 'string') : [];
  const betas = filterAnthropicBetas(collectAnthropicBetas(request.headers['anthropic-beta'], listed), BEDROCK_ANTHROPIC_BETAS, 'Bedrock', context.warnings);
  if (betas.length > 0) body['anthropic_beta'] = betas;
  else if (Array.isArray(rest['anthropic_beta'])) delete body['anthropic_beta'];
  if (!request.stream) {
    const call = await sendBedrockRequest(model.pathId, 'invoke', body, context);
    return createNativeJsonReply(call.response, request.dialect, context, { 'content-type': 'application/json' });
  }
  const call = await sendBedrockRequest(model.pathId, 'invoke-with-response-stream', body, context);
  const source = convertBedrockInvokeSse(readBedrockEvents(call, context), { provider: context.provider, model: model.modelId });
  return openNativeStreamReply(source, call.response.status, request.dialect, context, call.secrets, { 'content-type': 'text/event-stream' });
}
