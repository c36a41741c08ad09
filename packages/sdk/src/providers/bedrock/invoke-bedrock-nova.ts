// InvokeModel chat for Amazon Nova. Nova's native body is Converse's with
// `schemaVersion: "messages-v1"` (messages, system, inferenceConfig, toolConfig; images as
// base64 bytes in JSON either way), and its reply is Converse's too, so the Converse
// converters serve. Its stream chunks each hold one Converse stream event keyed by type
// (`{"contentBlockDelta": {...}}`), handed to the ConverseStream converter as such.

import { BadGatewayError } from '../../errors/error-classes.js';
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest } from '../../spec/index.js';
import { parseAwsBody } from '../aws/parse-aws-body.js';
import type { AwsEvent } from '../aws/read-aws-events.js';
import { nowSeconds } from '../now-seconds.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { bedrockConverseResponseSchema, bedrockStreamEventSchemas } from './bedrock-api.js';
import { bedrockCompletionId } from './bedrock-completion-id.js';
import { convertBedrockInvokeChunks } from './bedrock-invoke-stream.js';
import { convertBedrockStream } from './bedrock-stream.js';
import { convertBedrockResponse } from './convert-bedrock-response.js';
import { convertToBedrockRequest } from './convert-to-bedrock-request.js';
import type { BedrockModel } from './parse-bedrock-model.js';
import { readBedrockEvents } from './read-bedrock-events.js';
import { sendBedrockRequest } from './send-bedrock-request.js';

const NOVA_SCHEMA_VERSION = 'messages-v1';
const EVENT_TYPES = Object.keys(bedrockStreamEventSchemas);

export async function chatWithNova(model: BedrockModel, request: ChatCompletionRequest, context: ProviderCallContext): Promise<ChatCompletion> {
  const { body, jsonMode } = convertToBedrockRequest(request, { modelId: model.modelId, warnings: context.warnings });
  const call = await sendBedrockRequest(model.pathId, 'invoke', { schemaVersion: NOVA_SCHEMA_VERSION, ...body }, context);
  const reply = await parseAwsBody(call, bedrockConverseResponseSchema, context, 'a Nova InvokeModel reply');
  return convertBedrockResponse(reply, { id: bedrockCompletionId(call), model: model.modelId, created: nowSeconds(), jsonMode });
}

export async function streamWithNova(model: BedrockModel, request: ChatCompletionRequest, context: ProviderCallContext): Promise<AsyncIterable<ChatCompletionChunk>> {
  const { body, jsonMode } = convertToBedrockRequest(request, { modelId: model.modelId, warnings: context.warnings });
  const call = await sendBedrockRequest(model.pathId, 'invoke-with-response-stream', { schemaVersion: NOVA_SCHEMA_VERSION, ...body }, context);
  const names = { provider: context.provider, model: model.modelId };
  const chunks = convertBedrockInvokeChunks(readBedrockEvents(call, context), names);
  return convertBedrockStream(asConverseEvents(chunks, names), {
    id: bedrockCompletionId(call),
    model: model.modelId,
    created: nowSeconds(),
    jsonMode,
    provider: context.provider,
  });
}

const encoder = new TextEncoder();

/** `{"<eventType>": payload, ...}` → the event ConverseStream would have framed. */
async function* asConverseEvents(chunks: AsyncIterable<{ data: string }>, names: { provider: string; model: string }): AsyncGenerator<AwsEvent> {
  for await (const { data } of chunks) {
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      json = undefined;
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new BadGatewayError(`${names.provider} sent a Nova stream chunk that is not a JSON object`, names);
    for (const [type, payload] of Object.entries(json)) {
      if (EVENT_TYPES.includes(type)) yield { type, payload: encoder.encode(JSON.stringify(payload)) };
    }
  }
}
