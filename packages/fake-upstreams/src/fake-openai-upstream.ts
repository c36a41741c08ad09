// A fake OpenAI API on 127.0.0.1:0: chat completions and responses (JSON and SSE), embeddings,
// legacy completions, moderations and the model list, with OpenAI's error bodies. Routes answer with and without the `/v1` prefix,
// as OpenAI-compatible servers are configured both ways.

import { randomBytes } from 'node:crypto';
import type { FakeChatReply } from './fake-chat-reply.js';
import { createFakeOpenAICompletion, createFakeOpenAIEvents, resolveToolCalls, type FakeOpenAIChatContext, type FakeReasoningField } from './fake-openai-chat.js';
import { createFakeOpenAIEmbeddings } from './fake-openai-embeddings.js';
import { createFakeResponse, createFakeResponsesEvents, fakeResponsesFailureFrame, type FakeResponsesContext } from './fake-openai-responses.js';
import { sendJson, startFakeServer, type FakeServer, type RecordedRequest } from './start-fake-server.js';
import { sendFakeSseReply } from './send-fake-sse-reply.js';
import { isRecord } from './is-record.js';
import { LEGACY_ROUTES, serveFakeLegacyRoute } from './fake-openai-legacy-routes.js';

export interface FakeOpenAIOptions {
  /** When set, requests must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** The reply to each chat request; defaults to the text `Hello from <model>`. */
  reply?: (request: RecordedRequest) => FakeChatReply;
  /** Length of embedding vectors unless the request asks for `dimensions` (default 8). */
  embeddingDimensions?: number;
  /** Model ids `GET /v1/models` lists. */
  models?: string[];
  /**
   * Emit FakeChatReply.reasoning under this message/delta field, as DeepSeek
   * (`reasoning_content`) or Groq (`reasoning`) do. OpenAI itself sends no reasoning text.
   */
  reasoningField?: FakeReasoningField;
}

const DEFAULT_MODELS = ['gpt-4o-mini', 'gpt-4o', 'text-embedding-3-small'];
const MODELS_CREATED = 1_715_367_049;

export function openAIErrorBody(message: string, type: string, code: string | null = null, param: string | null = null): unknown {
  return { error: { message, type, param, code } };
}

/** OpenAI reports a failure after the 200 as a data event holding an error body, then closes. */
const serverErrorFrame = (): string => `data: ${JSON.stringify(openAIErrorBody('The server had an error while processing your request. Sorry about that!', 'server_error'))}\n\n`;

export function startFakeOpenAIUpstream(options: FakeOpenAIOptions = {}): Promise<FakeServer> {
  let served = 0;
  return startFakeServer(async (request, response) => {
    served += 1;
    const headers = { 'x-request-id': `req_fake${String(served).padStart(6, '0')}` };
    const fail = (status: number, message: string, type: string, code: string | null = null): void => sendJson(response, status, openAIErrorBody(message, type, code), headers);

    const rawPath = request.url.split('?')[0] ?? '/';
    const path = rawPath.startsWith('/v1/') ? rawPath.slice(3) : rawPath;
    const route = `${request.method} ${path}`;
    if (route !== 'POST /chat/completions' && route !== 'POST /responses' && route !== 'POST /embeddings' && route !== 'GET /models' && !LEGACY_ROUTES.has(route)) {
      return fail(404, `Invalid URL (${request.method} ${rawPath})`, 'invalid_request_error');
    }
    const denied = checkAuthorization(request, options.apiKey);
    if (denied !== undefined) return sendJson(response, 401, denied, headers);

    if (route === 'GET /models') {
      const data = (options.models ?? DEFAULT_MODELS).map((id) => ({ id, object: 'model', created: MODELS_CREATED, owned_by: 'system' }));
      return sendJson(response, 200, { object: 'list', data }, headers);
    }
    const body = request.json;
    if (!isRecord(body)) {
      return fail(400, "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly.)", 'invalid_request_error');
    }
    if (typeof body['model'] !== 'string') return fail(400, 'you must provide a model parameter', 'invalid_request_error');
    if (LEGACY_ROUTES.has(route)) return serveFakeLegacyRoute(route, body, response, options.reply?.(request)?.content ?? undefined, served, headers);
    if (route === 'POST /embeddings') {
      const embeddings = createFakeOpenAIEmbeddings(
        { model: body['model'], input: body['input'], encoding_format: body['encoding_format'], dimensions: body['dimensions'] },
        options.embeddingDimensions ?? 8,
      );
      return sendJson(response, 200, embeddings, headers);
    }
    if (route === 'POST /responses') {
      if (body['input'] === undefined) return fail(400, "Missing required parameter: 'input'.", 'invalid_request_error', 'missing_required_parameter');
      const reply = options.reply?.(request) ?? { content: `Hello from ${body['model']}` };
      if (reply.error !== undefined) return sendJson(response, reply.error.status, reply.error.body, { ...headers, ...reply.error.headers });
      // Unique across fakes, as OpenAI's ids are (stored Responses are found by id).
      const context: FakeResponsesContext = {
        id: `fake${String(served).padStart(6, '0')}${randomBytes(4).toString('hex')}`,
        model: body['model'],
        createdAt: Math.floor(Date.now() / 1000),
        body,
      };
      const toolCalls = resolveToolCalls(reply, served);
      if (body['stream'] !== true) return sendJson(response, 200, createFakeResponse(context, reply, toolCalls), headers);
      return sendFakeSseReply(response, createFakeResponsesEvents(context, reply, toolCalls), reply, () => fakeResponsesFailureFrame(context, reply), headers);
    }
    if (!Array.isArray(body['messages'])) {
      return fail(400, "Missing required parameter: 'messages'.", 'invalid_request_error', 'missing_required_parameter');
    }

    const model = body['model'];
    const reply = options.reply?.(request) ?? { content: `Hello from ${model}` };
    if (reply.error !== undefined) return sendJson(response, reply.error.status, reply.error.body, { ...headers, ...reply.error.headers });
    const context: FakeOpenAIChatContext = {
      id: `chatcmpl-fake${String(served).padStart(6, '0')}`,
      model,
      created: Math.floor(Date.now() / 1000),
      reasoningField: options.reasoningField,
    };
    const toolCalls = resolveToolCalls(reply, served);
    if (body['stream'] !== true) return sendJson(response, 200, createFakeOpenAICompletion(context, reply, toolCalls), headers);
    const includeUsage = isRecord(body['stream_options']) && body['stream_options']['include_usage'] === true;
    return sendFakeSseReply(response, createFakeOpenAIEvents(context, reply, toolCalls, includeUsage), reply, serverErrorFrame, headers);
  });
}

/** OpenAI's 401 bodies: no key at all, or a key it does not know (echoed back masked). */
function checkAuthorization(request: RecordedRequest, apiKey: string | undefined): unknown {
  if (apiKey === undefined) return undefined;
  const header = request.headers.authorization;
  if (header === `Bearer ${apiKey}`) return undefined;
  if (header === undefined || !header.startsWith('Bearer ')) {
    return openAIErrorBody(
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
      'invalid_request_error',
    );
  }
  const given = header.slice('Bearer '.length);
  const masked = given.length > 12 ? `${given.slice(0, 8)}${'*'.repeat(given.length - 12)}${given.slice(-4)}` : '****';
  return openAIErrorBody(
    `Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    'invalid_request_error',
    'invalid_api_key',
  );
}
