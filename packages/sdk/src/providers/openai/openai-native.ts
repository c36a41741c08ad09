// Passthrough for OpenAI-format rows that need no translation: the client's chat body goes
// to /chat/completions (a Responses body to /responses, on rows that declare it) with only `model` replaced (and, for a stream, usage asked for, which
// llmux needs to price the call), and the reply's bytes come back as sent. A row whose quirks
// change the request, or that rejects parameters, is translated instead, so neither is
// bypassed; `reasoningField` only renames a reply field, which a chat passthrough renames in
// the bytes too (vLLM's `reasoning` → `reasoning_content`), so that its clients read the
// field a translated call gives them.

import { BodyChunkReader } from '../../native/read-body-chunks.js';
import { createNativeJsonReply, openNativeStreamReply } from '../../native/create-native-reply.js';
import type { NativeReply, NativeRequest, NativeSupport } from '../../native/native-support.js';
import { pickReplyHeaders } from '../../native/pick-native-headers.js';
import { keyRename, renameReplyKey } from '../../native/rename-reply-key.js';
import { isJsonObject } from '../../json/json-value-checks.js';
import { patchBodyModel } from '../../native/patch-body-model.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import type { OpenAIProviderConfig } from './openai-provider-config.js';
import { sendOpenAIRequest, sendOpenAIRequestWhole } from './send-openai-request.js';

export function createOpenAIChatNative(config: OpenAIProviderConfig): NativeSupport | undefined {
  if (changesRequests(config) || (config.unsupportedParams ?? []).length > 0) return undefined;
  return {
    speaks: (dialect) => dialect === 'openai-chat' || (dialect === 'openai-responses' && config.responses === true),
    send: (request, context) => send(config, request, context),
  };
}

async function send(config: OpenAIProviderConfig, request: NativeRequest, context: ProviderCallContext): Promise<NativeReply> {
  const body: Record<string, unknown> = { ...request.body, model: context.model };
  const chat = request.dialect === 'openai-chat';
  // A Responses stream reports usage in response.completed, unasked.
  if (request.stream && chat) {
    body['stream'] = true;
    const options = body['stream_options'];
    // The usage chunk is how a stream is priced; a client that did not ask also receives it.
    if (!isIncludingUsage(options)) body['stream_options'] = { ...(isJsonObject(options) ? options : {}), include_usage: true };
  } else if (!request.stream && body['stream'] === true) body['stream'] = false;
  const spec = { path: chat ? '/chat/completions' : '/responses', method: 'POST', body: bodyText(request, body, context.model), stream: request.stream } as const;
  const rename = chat && config.quirks?.reasoningField !== undefined ? REASONING_RENAME : undefined;
  if (!request.stream) {
    const { response } = await sendOpenAIRequestWhole(config, spec, context);
    const reply = await createNativeJsonReply(response, request.dialect, context, pickReplyHeaders(response.headers, 'application/json', 'x-request-id'));
    if (rename !== undefined) reply.body = renameReplyKey(reply.body, rename);
    return reply;
  }
  const { response, secrets } = await sendOpenAIRequest(config, spec, context);
  const headers = pickReplyHeaders(response.headers, 'text/event-stream', 'x-request-id');
  const chunks = new BodyChunkReader(response.body, context, rename === undefined ? undefined : (bytes) => renameReplyKey(bytes, rename));
  return openNativeStreamReply(chunks, response.status, request.dialect, context, secrets, headers);
}

const REASONING_RENAME = keyRename('reasoning', 'reasoning_content');

/** The client's bytes with `model` patched where that is all that changed; else `body` serialised. */
function bodyText(request: NativeRequest, body: Record<string, unknown>, model: string): string | Buffer {
  const sent = request.body;
  // A chat stream's body gains the usage request unless the client made it (a Responses
  // stream reports usage unasked); a complete reply's loses `stream: true`.
  const unchanged = request.stream ? sent['stream'] === true && (request.dialect !== 'openai-chat' || isIncludingUsage(sent['stream_options'])) : sent['stream'] !== true;
  if (request.bytes === undefined || !unchanged) return JSON.stringify(body);
  return patchBodyModel(request.bytes, model) ?? JSON.stringify(body);
}

function changesRequests(config: OpenAIProviderConfig): boolean {
  for (const key in config.quirks) if (key !== 'reasoningField') return true;
  return false;
}

function isIncludingUsage(options: unknown): boolean {
  return isJsonObject(options) && options['include_usage'] === true;
}
