// A fake Vertex AI endpoint on 127.0.0.1:0, serving every region's path shape on one host:
// Gemini generateContent / streamGenerateContent, text-embedding and multimodalembedding
// (fake-vertex-multimodal-embeddings.ts) predict under
// publishers/google, Claude rawPredict / streamRawPredict under publishers/anthropic. Each
// call needs a bearer token from the `tokens` list (pass a fake token server's live
// `issued` list), and the project in the path must be the one configured.

import type { ServerResponse } from 'node:http';
import { anthropicErrorBody, createFakeAnthropicMessage } from './fake-anthropic-message.js';
import { createFakeAnthropicEvents } from './fake-anthropic-stream.js';
import { answerGenerate } from './fake-gemini-generate.js';
import { fakeTokenCount } from './fake-token-count.js';
import { fakeEmbeddingVector } from './fake-vector.js';
import type { FakeGeminiReply } from './fake-gemini-reply.js';
import { isRecord } from './is-record.js';
import { checkFakeAnthropicRequest, fakeAnthropicSegments } from './fake-anthropic-request.js';
import { FakePromptCache, withFakeCacheUsage } from './fake-prompt-cache.js';
import { createFakeMultimodalEmbedding } from './fake-vertex-multimodal-embeddings.js';
import { admitVertexCall, type VertexAccess } from './admit-vertex-call.js';
import { googleErrorBody } from './fake-google-error.js';
import { sendFakeSseReply } from './send-fake-sse-reply.js';
import { sendJson, startFakeServer, type FakeServer, type RecordedRequest } from './start-fake-server.js';

export interface FakeVertexOptions extends VertexAccess {
  /** The reply to each chat request (Gemini or Claude); defaults to `Hello from <model>`. */
  reply?: (request: RecordedRequest) => FakeGeminiReply;
  /** Length of embedding vectors unless a request asks for outputDimensionality (default 8). */
  embeddingDimensions?: number;
}

/** Vertex documents `vertex-2023-10-16`; newer @anthropic-ai/vertex-sdk releases send the dated API version. */
const ANTHROPIC_VERSION_PATTERN = /^(?:vertex-)?\d{4}-\d{2}-\d{2}$/;
const ROUTE = /^\/(v1|v1beta1)\/projects\/([^/]+)\/locations\/([^/]+)\/publishers\/(google|anthropic)\/models\/([^/:]+):([A-Za-z]+)$/;

export function startFakeVertexUpstream(options: FakeVertexOptions): Promise<FakeServer> {
  let served = 0;
  const cache = new FakePromptCache();
  return startFakeServer(async (request, response) => {
    served += 1;
    const route = admitVertexCall(request, response, ROUTE, options, (match) => `publishers/${match[4] ?? ''}/models/${match[5] ?? ''}`);
    if (route === undefined) return;
    const [, , , , publisher, model = '', method] = route;
    const reply = options.reply ?? (() => ({ content: `Hello from ${model}` }));
    const id = String(served).padStart(6, '0');
    if (publisher === 'anthropic') return answerAnthropic(request, response, method ?? '', model, `msg_vrtx_fake${id}`, reply, cache);
    switch (method) {
      case 'generateContent':
      case 'streamGenerateContent':
        return answerGenerate(request, response, { method, model, responseId: `fakeVertexResp${id}`, flavor: 'vertex', reply });
      case 'predict': {
        if (!model.startsWith('multimodalembedding')) return answerPredict(request.json, options.embeddingDimensions ?? 8, response);
        const answer = createFakeMultimodalEmbedding(request.json);
        return typeof answer === 'string' ? sendJson(response, 400, googleErrorBody(400, 'INVALID_ARGUMENT', answer)) : sendJson(response, 200, answer);
      }
      default:
        return sendJson(response, 400, googleErrorBody(400, 'INVALID_ARGUMENT', `Method ${method} is not supported for publishers/google/models/${model}.`));
    }
  });
}

function answerAnthropic(
  request: RecordedRequest,
  response: ServerResponse,
  method: string,
  model: string,
  messageId: string,
  reply: (request: RecordedRequest) => FakeGeminiReply,
  cache: FakePromptCache,
): Promise<void> | void {
  const fail = (message: string): void => sendJson(response, 400, anthropicErrorBody('invalid_request_error', message));
  const body = request.json;
  if (method !== 'rawPredict' && method !== 'streamRawPredict') return sendJson(response, 404, googleErrorBody(404, 'NOT_FOUND', `Unknown method ${method}`));
  if (!isRecord(body)) return fail('request body must be a JSON object');
  const version = body['anthropic_version'];
  if (typeof version !== 'string' || !ANTHROPIC_VERSION_PATTERN.test(version)) return fail("anthropic_version: Input should be 'vertex-2023-10-16'");
  if (body['model'] !== undefined) return fail('model: Extra inputs are not permitted');
  if (typeof body['max_tokens'] !== 'number') return fail('max_tokens: Field required');
  if (!Array.isArray(body['messages'])) return fail('messages: Field required');
  if ((body['stream'] === true) !== (method === 'streamRawPredict')) return fail(`stream must be ${method === 'streamRawPredict'} for ${method}`);
  const header = request.headers['anthropic-beta'];
  const betas = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((beta) => beta.trim())
    .filter((beta) => beta !== '');
  if (betas.some((beta) => REFUSED_BETAS.has(beta))) return fail('invalid beta flag');
  const invalid = checkFakeAnthropicRequest(body);
  if (invalid !== undefined) return fail(invalid);

  const given = reply(request);
  if (given.error !== undefined) return sendJson(response, given.error.status, given.error.body, given.error.headers);
  // Claude on Vertex caches prompts as Anthropic does.
  const answer = withFakeCacheUsage(given, cache, () => fakeAnthropicSegments(body));
  if (method === 'rawPredict') return sendJson(response, 200, createFakeAnthropicMessage(messageId, model, answer));
  const events = createFakeAnthropicEvents(messageId, model, answer);
  // Claude on Vertex fails mid-stream with Anthropic's own error event; dropAfterChunks cuts the connection.
  return sendFakeSseReply(response, events, answer, overloadedFrame);
}

/**
 * Anthropic-only beta flags Vertex was seen refusing, whole call and all (litellm#18145,
 * claude-cookbooks#311). Vertex keeps an allow list; a sample of refusals keeps the fake's
 * data apart from the SDK's list, which it is there to test.
 */
const REFUSED_BETAS: ReadonlySet<string> = new Set(['oauth-2025-04-20', 'skills-2025-10-02', 'code-execution-2025-08-25', 'mcp-servers-2025-12-04']);

const overloadedFrame = (): string => `event: error\ndata: ${JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } })}\n\n`;

function answerPredict(body: unknown, dimensions: number, response: ServerResponse): void {
  const instances = isRecord(body) ? body['instances'] : undefined;
  if (!Array.isArray(instances) || instances.length === 0) return sendJson(response, 400, googleErrorBody(400, 'INVALID_ARGUMENT', 'instances must not be empty'));
  const parameters = isRecord(body) ? body['parameters'] : undefined;
  const size = isRecord(parameters) && typeof parameters['outputDimensionality'] === 'number' ? parameters['outputDimensionality'] : dimensions;
  let characters = 0;
  const predictions = instances.map((instance) => {
    const text = isRecord(instance) && typeof instance['content'] === 'string' ? instance['content'] : '';
    characters += text.length;
    return { embeddings: { values: fakeEmbeddingVector(text, size), statistics: { token_count: fakeTokenCount(text), truncated: false } } };
  });
  sendJson(response, 200, { predictions, metadata: { billableCharacterCount: characters } });
}
