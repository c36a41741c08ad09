// Passthrough for Claude on Vertex AI: the client's Messages body goes to `:rawPredict` /
// `:streamRawPredict` without `model` (it is in the URL) and with Vertex's
// `anthropic_version`; the anthropic-beta flags Vertex accepts go as a header; the reply's
// bytes (the same JSON and SSE as Anthropic's API) come back as sent.

import { BodyChunkReader } from '../../native/read-body-chunks.js';
import { createNativeJsonReply, openNativeStreamReply } from '../../native/create-native-reply.js';
import type { NativeReply, NativeRequest, NativeSupport } from '../../native/native-support.js';
import { collectAnthropicBetas, filterAnthropicBetas } from '../../native/filter-anthropic-betas.js';
import { pickReplyHeaders } from '../../native/pick-native-headers.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { resolveVertexEndpoint } from './resolve-vertex-endpoint.js';
import { resolveVertexSettings } from './resolve-vertex-settings.js';
import { sendVertexAnthropic, VERTEX_ANTHROPIC_VERSION } from './vertex-anthropic-chat.js';
import { VERTEX_ANTHROPIC_BETAS } from './vertex-anthropic-betas.js';
import { publisherOf, withTokenRetirement } from './vertex-publisher.js';

export const VERTEX_NATIVE: NativeSupport = {
  speaks: (dialect, model) => dialect === 'anthropic-messages' && publisherOf(model) === 'anthropic',
  send,
};

async function send(request: NativeRequest, context: ProviderCallContext): Promise<NativeReply> {
  const { model: _model, ...rest } = request.body;
  const body: Record<string, unknown> = { ...rest, anthropic_version: VERTEX_ANTHROPIC_VERSION };
  if (request.stream !== (body['stream'] === true)) body['stream'] = request.stream;
  const text = JSON.stringify(body);
  // Vertex takes the version in the body; only the beta list travels as a header.
  const betas = filterAnthropicBetas(collectAnthropicBetas(request.headers['anthropic-beta']), VERTEX_ANTHROPIC_BETAS, 'Vertex AI', context.warnings);
  const forwarded = betas.length > 0 ? { 'anthropic-beta': betas.join(',') } : undefined;
  const settings = await resolveVertexSettings(context);
  const { response, secrets } = await withTokenRetirement(settings, async () => {
    const endpoint = await resolveVertexEndpoint(context, settings, 'anthropic');
    return sendVertexAnthropic(endpoint, request.stream ? 'streamRawPredict' : 'rawPredict', text, context, forwarded);
  });
  if (!request.stream) return createNativeJsonReply(response, request.dialect, context, pickReplyHeaders(response.headers, 'application/json'));
  const headers = pickReplyHeaders(response.headers, 'text/event-stream');
  return openNativeStreamReply(new BodyChunkReader(response.body, context), response.status, request.dialect, context, secrets, headers);
}
