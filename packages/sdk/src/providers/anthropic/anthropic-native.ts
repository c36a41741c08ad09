// Passthrough for Anthropic's own API: the client's Messages body goes to /v1/messages with
// only `model` replaced, with the client's anthropic-beta / anthropic-version headers, and
// the reply's bytes come back as sent.

import { BodyChunkReader } from '../../native/read-body-chunks.js';
import { createNativeJsonReply, openNativeStreamReply } from '../../native/create-native-reply.js';
import type { NativeReply, NativeRequest, NativeSupport } from '../../native/native-support.js';
import { patchBodyModel } from '../../native/patch-body-model.js';
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
  const text = bodyText(request, context.model);
  const forwarded = pickForwardedHeaders(request.headers, ANTHROPIC_FORWARDED_HEADERS);
  if (!request.stream) {
    const { response } = await sendAnthropicBody(text, false, context, forwarded, sendProviderRequestWhole);
    return createNativeJsonReply(response, request.dialect, context, pickReplyHeaders(response.headers, 'application/json', 'request-id'));
  }
  const { response, secrets } = await sendAnthropicBody(text, true, context, forwarded, sendProviderRequest);
  const headers = pickReplyHeaders(response.headers, 'text/event-stream', 'request-id');
  return openNativeStreamReply(new BodyChunkReader(response.body, context), response.status, request.dialect, context, secrets, headers);
}

/** The client's bytes with `model` patched where that is all that changes; else the body serialised. */
function bodyText(request: NativeRequest, model: string): string | Buffer {
  const sameStream = request.stream === (request.body['stream'] === true);
  const patched = request.bytes !== undefined && sameStream ? patchBodyModel(request.bytes, model) : undefined;
  if (patched !== undefined) return patched;
  // A shallow copy: the client's body stays as it came, for a fallback to another deployment.
  const body: Record<string, unknown> = { ...request.body, model };
  if (!sameStream) body['stream'] = request.stream;
  return JSON.stringify(body);
}
