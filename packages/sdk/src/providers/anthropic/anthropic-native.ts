// Passthrough for Anthropic's own API: the client's Messages body goes to /v1/messages with
// only `model` replaced, with the client's anthropic-beta / anthropic-version headers, and
// the reply's bytes come back as sent.

import { BodyChunkReader } from '../../native/read-body-chunks.js';
import { createNativeJsonReply, openNativeStreamReply } from '../../native/create-native-reply.js';
import type { NativeReply, NativeRequest, NativeSupport } from '../../native/native-support.js';
import { pickForwardedHeaders, pickReplyHeaders } from '../../native/pick-native-headers.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { sendProviderRequest, sendProviderRequestWhole } from '../send-provider-request.js';
import { sendAnthropicBody } from './send-anthropic-request.js';

/** The client headers the Messages API defines beyond auth. */
const ANTHROPIC_FORWARDED_HEADERS = ['anthropic-beta', 'anthropic-version'] as const;

export const ANTHROPIC_NATIVE: NativeSupport = {
  speaks: (dialect) => dialect === 'anthropic-messages',
  send,
};

async function send(request: NativeRequest, context: ProviderCallContext): Promise<NativeReply> {
  // A shallow copy: the client's body stays as it came, for a fallback to another deployment.
  const body: Record<string, unknown> = { ...request.body, model: context.model };
  if (request.stream !== (body['stream'] === true)) body['stream'] = request.stream;
  const forwarded = pickForwardedHeaders(request.headers, ANTHROPIC_FORWARDED_HEADERS);
  if (!request.stream) {
    const { response } = await sendAnthropicBody(JSON.stringify(body), false, context, forwarded, sendProviderRequestWhole);
    return createNativeJsonReply(response, request.dialect, context, pickReplyHeaders(response.headers, 'application/json', 'request-id'));
  }
  const { response, secrets } = await sendAnthropicBody(JSON.stringify(body), true, context, forwarded, sendProviderRequest);
  const headers = pickReplyHeaders(response.headers, 'text/event-stream', 'request-id');
  return openNativeStreamReply(new BodyChunkReader(response.body, context), response.status, request.dialect, context, secrets, headers);
}
