// A fake of Vertex AI's OpenAI-compatible endpoint for partner models (Llama, DeepSeek,
// Qwen, gpt-oss as a service): `POST /v1/projects/{p}/locations/{l}/endpoints/openapi/
// chat/completions` with a Google bearer token from the `tokens` list, the partner model
// named in the body as `publisher/model`, answered in OpenAI's chat format (JSON or SSE);
// refusals in Google's error shape, as Vertex sends them.

import { createFakeOpenAICompletion, createFakeOpenAIEvents, resolveToolCalls, type FakeOpenAIChatContext } from './fake-openai-chat.js';
import type { FakeChatReply } from './fake-chat-reply.js';
import { admitVertexCall, type VertexAccess } from './admit-vertex-call.js';
import { googleErrorBody } from './fake-google-error.js';
import { isRecord } from './is-record.js';
import { sendFakeSseReply } from './send-fake-sse-reply.js';
import { sendJson, startFakeServer, type FakeServer, type RecordedRequest } from './start-fake-server.js';

export interface FakeVertexOpenAPIOptions extends VertexAccess {
  /** The reply to each chat request; defaults to `Hello from <model>`. */
  reply?: (request: RecordedRequest) => FakeChatReply;
}

const ROUTE = /^\/(v1|v1beta1)\/projects\/([^/]+)\/locations\/([^/]+)\/endpoints\/openapi\/chat\/completions$/;
/** MaaS models are named `publisher/model` (`meta/llama-3.3-70b-instruct-maas`). */
const PARTNER_MODEL = /^[a-z0-9-]+\/[^/\s]+$/;

export function startFakeVertexOpenAPIUpstream(options: FakeVertexOpenAPIOptions): Promise<FakeServer> {
  let served = 0;
  return startFakeServer(async (request, response) => {
    served += 1;
    if (admitVertexCall(request, response, ROUTE, options, () => 'endpoints/openapi') === undefined) return;
    const body = request.json;
    const model = isRecord(body) ? body['model'] : undefined;
    if (typeof model !== 'string' || !PARTNER_MODEL.test(model)) {
      return sendJson(response, 400, googleErrorBody(400, 'INVALID_ARGUMENT', `Invalid model: ${String(model)}. Expected the form publisher/model.`));
    }
    const reply = options.reply?.(request) ?? { content: `Hello from ${model}` };
    if (reply.error !== undefined) return sendJson(response, reply.error.status, reply.error.body, reply.error.headers);
    const context: FakeOpenAIChatContext = {
      id: `fake-vertex-${String(served).padStart(6, '0')}`,
      model,
      created: Math.floor(Date.now() / 1000),
      reasoningField: 'reasoning_content',
    };
    const toolCalls = resolveToolCalls(reply, served);
    if (isRecord(body) && body['stream'] === true) {
      const includeUsage = isRecord(body['stream_options']) && body['stream_options']['include_usage'] === true;
      const failure = () => `data: ${JSON.stringify(googleErrorBody(500, 'INTERNAL', 'Internal error encountered.'))}\n\n`;
      return sendFakeSseReply(response, createFakeOpenAIEvents(context, reply, toolCalls, includeUsage), reply, failure);
    }
    return sendJson(response, 200, createFakeOpenAICompletion(context, reply, toolCalls));
  });
}
