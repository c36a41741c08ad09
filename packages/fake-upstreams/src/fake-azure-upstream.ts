// A fake Azure OpenAI resource on 127.0.0.1:0: the deployment routes
// (`/openai/deployments/{deployment}/{chat/completions,embeddings,completions}?api-version=...`) and the
// v1 routes (`/openai/v1/...`, deployment in the body's `model`), `api-key` or Entra ID
// bearer auth, Azure's stream shape and error bodies.

import type { FakeChatReply } from './fake-chat-reply.js';
import { createFakeAzureCompletion, createFakeAzureFrames } from './fake-azure-chat.js';
import { resolveToolCalls } from './fake-openai-chat.js';
import { createFakeOpenAIEmbeddings } from './fake-openai-embeddings.js';
import { serveFakeLegacyRoute } from './fake-openai-legacy-routes.js';
import { sendJson, sendSse, startFakeServer, type FakeServer, type RecordedRequest } from './start-fake-server.js';

// The token endpoint is part of the same fake; one export line in index.ts serves both.
export * from './fake-azure-entra.js';
export { AZURE_PROMPT_FILTER_RESULTS, AZURE_SAFE_RESULTS } from './fake-azure-chat.js';

export interface FakeAzureOptions {
  /** When set, a request may authenticate with `api-key: <apiKey>`. */
  apiKey?: string;
  /** When set, a request may authenticate with `Authorization: Bearer <token>` (a token, or a check). */
  token?: string | ((token: string) => boolean);
  /** The reply to each chat request; defaults to the text `Hello from <deployment>`. */
  reply?: (request: RecordedRequest) => FakeChatReply;
  /** Deployment → the model it serves, as Azure names it in bodies (default: the deployment name). */
  models?: Readonly<Record<string, string>>;
  /** Follow streamed content with asynchronous-filter annotation chunks. */
  asyncFilter?: boolean;
  // FakeChatReply.failAfterChunks / dropAfterChunks are not rendered: Azure's mid-stream
  // failures are OpenAI's, which startFakeOpenAIUpstream already covers.
}

/** Azure's body for a prompt its content filter blocked, with the `innererror` it adds. */
export function azureContentFilterError(): NonNullable<FakeChatReply['error']> {
  const blocked = { filtered: true, severity: 'high' };
  const safe = { filtered: false, severity: 'safe' };
  return {
    status: 400,
    body: {
      error: {
        message: "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry.",
        type: null,
        param: 'prompt',
        code: 'content_filter',
        status: 400,
        innererror: { code: 'ResponsibleAIPolicyViolation', content_filter_result: { hate: safe, self_harm: safe, sexual: safe, violence: blocked } },
      },
    },
  };
}

const ROUTE = /^\/openai\/(?:deployments\/([^/]+)|v1)\/(chat\/completions|embeddings|completions)$/;
const DATED_VERSION = /^\d{4}-\d{2}-\d{2}(?:-preview)?$/;
const V1_VERSIONS = new Set(['v1', 'preview', 'latest']);

export function startFakeAzureUpstream(options: FakeAzureOptions = {}): Promise<FakeServer> {
  let served = 0;
  return startFakeServer((request, response) => {
    served += 1;
    const headers = { 'apim-request-id': `00000000-0000-4000-8000-${String(served).padStart(12, '0')}` };
    const fail = (status: number, code: string, message: string): void => sendJson(response, status, { error: { code, message } }, headers);

    const url = new URL(request.url, 'http://fake');
    const match = request.method === 'POST' ? ROUTE.exec(url.pathname) : null;
    if (match === null) return fail(404, '404', 'Resource not found');
    const version = url.searchParams.get('api-version');
    const deploymentInPath = match[1] === undefined ? undefined : decodeURIComponent(match[1]);
    // The deployment API needs a dated version; the v1 API takes none or a v1 one.
    const versionOk = deploymentInPath !== undefined ? version !== null && DATED_VERSION.test(version) : version === null || V1_VERSIONS.has(version);
    if (!versionOk) return fail(404, '404', 'Resource not found');
    if (!authorized(request, options)) {
      return fail(
        401,
        '401',
        'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
      );
    }
    const body = request.json;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return fail(400, 'BadRequest', 'Invalid JSON body');
    const fields = body as Record<string, unknown>;
    const deployment = deploymentInPath ?? (typeof fields['model'] === 'string' ? fields['model'] : undefined);
    if (deployment === undefined) return fail(400, 'BadRequest', "Missing required parameter: 'model'.");
    const model = options.models?.[deployment] ?? deployment;

    if (match[2] === 'embeddings') {
      const embeddings = createFakeOpenAIEmbeddings({ model, input: fields['input'], encoding_format: fields['encoding_format'], dimensions: fields['dimensions'] }, 8);
      return sendJson(response, 200, embeddings, headers);
    }
    if (match[2] === 'completions')
      return serveFakeLegacyRoute('POST /completions', { ...fields, model }, response, options.reply?.(request)?.content ?? undefined, served, headers);
    if (!Array.isArray(fields['messages'])) return fail(400, 'BadRequest', "Missing required parameter: 'messages'.");
    const reply = options.reply?.(request) ?? { content: `Hello from ${deployment}` };
    if (reply.error !== undefined) return sendJson(response, reply.error.status, reply.error.body, { ...headers, ...reply.error.headers });
    const context = { id: `chatcmpl-fakeazure${String(served).padStart(6, '0')}`, model, created: Math.floor(Date.now() / 1000), reasoningField: undefined };
    const toolCalls = resolveToolCalls(reply, served);
    if (fields['stream'] !== true) return sendJson(response, 200, createFakeAzureCompletion(context, reply, toolCalls), headers);
    const streamOptions = fields['stream_options'] as { include_usage?: unknown } | undefined;
    const frames = createFakeAzureFrames(context, reply, toolCalls, {
      includeUsage: streamOptions?.include_usage === true,
      asyncFilter: options.asyncFilter === true,
    });
    return sendSse(response, frames, headers);
  });
}

function authorized(request: RecordedRequest, options: FakeAzureOptions): boolean {
  if (options.apiKey === undefined && options.token === undefined) return true;
  const apiKey = request.headers['api-key'];
  if (options.apiKey !== undefined && apiKey === options.apiKey) return true;
  const authorization = request.headers.authorization;
  if (options.token === undefined || authorization === undefined || !authorization.startsWith('Bearer ')) return false;
  const token = authorization.slice('Bearer '.length);
  return typeof options.token === 'string' ? token === options.token : options.token(token);
}
