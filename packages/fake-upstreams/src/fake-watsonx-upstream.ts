// A fake IBM watsonx.ai on 127.0.0.1:0, with its IBM Cloud IAM token endpoint on the same
// host: `POST /identity/token` exchanges a known API key (form grant
// urn:ibm:params:oauth:grant-type:apikey) for a bearer token; `POST /ml/v1/text/chat`,
// `/ml/v1/text/chat_stream` and their `/ml/v1/deployments/{id}/...` forms need that token,
// a `version` query, and model_id with project_id or space_id. Replies and refusals in
// watsonx's shapes: OpenAI-like chat bodies with `model_id`, SSE frames with `id:` and
// `event: message` and no [DONE], errors as `{"errors":[{code,message}],"trace","status_code"}`.
// `/ml/v1/text/generation` and `generation_stream` (text generation) are in fake-watsonx-text.ts.

import type { ServerResponse } from 'node:http';
import type { FakeChatReply } from './fake-chat-reply.js';
import { createFakeOpenAICompletion, createFakeOpenAIEvents, resolveToolCalls, usageOf, type FakeOpenAIChatContext } from './fake-openai-chat.js';
import { isRecord } from './is-record.js';
import { sendFakeSseReply } from './send-fake-sse-reply.js';
import { checkFakeGenerationBody, createFakeGeneration, createFakeGenerationEvents } from './fake-watsonx-text.js';
import { sendJson, startFakeServer, type FakeServer, type RecordedRequest } from './start-fake-server.js';

export interface FakeWatsonxOptions {
  /** IBM Cloud API keys IAM accepts. */
  apiKeys: readonly string[];
  /** When set, project_id (or space_id) must be this one. */
  project?: string;
  /** Lifetime of issued tokens in seconds (default 3600, as IAM answers). */
  expiresInSeconds?: number;
  reply?: (request: RecordedRequest) => FakeChatReply;
}

export interface FakeWatsonxServer extends FakeServer {
  /** Every bearer token IAM issued, oldest first; a test may remove one to revoke it. */
  issued: string[];
}

const CHAT_ROUTE = /^\/ml\/v1(?:\/deployments\/([^/]+))?\/text\/(chat|chat_stream|generation|generation_stream)$/;
const VERSION = /^\d{4}-\d{2}-\d{2}$/;

export function watsonxErrorBody(status: number, code: string, message: string): Record<string, unknown> {
  return { errors: [{ code, message, more_info: 'https://cloud.ibm.com/apidocs/watsonx-ai' }], trace: 'fake0trace', status_code: status };
}

export async function startFakeWatsonxUpstream(options: FakeWatsonxOptions): Promise<FakeWatsonxServer> {
  const issued: string[] = [];
  let served = 0;
  const server = await startFakeServer(async (request, response) => {
    served += 1;
    const url = new URL(request.url, 'http://fake');
    if (request.method === 'POST' && url.pathname === '/identity/token') return answerIam(request, response, options, issued);
    const route = CHAT_ROUTE.exec(url.pathname);
    const fail = (status: number, code: string, message: string) => sendJson(response, status, watsonxErrorBody(status, code, message));
    if (request.method !== 'POST' || route === null) return fail(404, 'not_found', `Route ${request.method} ${url.pathname} not found`);
    const authorization = request.headers.authorization ?? '';
    if (!authorization.startsWith('Bearer ')) return fail(401, 'authorization_rejected', 'Authorization header is missing or not a Bearer token');
    if (!issued.includes(authorization.slice('Bearer '.length))) return fail(401, 'authentication_token_expired', 'Failed to authenticate the request due to an expired token');
    if (!VERSION.test(url.searchParams.get('version') ?? '')) return fail(400, 'missing_version', "Missing or invalid query parameter 'version'");
    const body = request.json;
    if (!isRecord(body)) return fail(400, 'json_validation_error', 'Invalid JSON body');
    const deployment = route[1];
    const generation = route[2] === 'generation' || route[2] === 'generation_stream';
    const problem = generation ? (checkFakeGenerationBody(body, deployment) ?? checkScope(body, deployment, options.project)) : checkChatBody(body, deployment, options.project);
    if (problem !== undefined) return fail(400, 'json_validation_error', problem);
    const model = deployment === undefined ? String(body['model_id']) : `deployment/${deployment}`;
    const reply = options.reply?.(request) ?? { content: `Hello from ${model}` };
    if (reply.error !== undefined) return sendJson(response, reply.error.status, reply.error.body, reply.error.headers);
    const input = String(body['input'] ?? '');
    if (route[2] === 'generation') return sendJson(response, 200, createFakeGeneration(reply, model, input));
    if (route[2] === 'generation_stream') return sendFakeSseReply(response, createFakeGenerationEvents(reply, model, input), reply, failureEvent);
    const context: FakeOpenAIChatContext = { id: `chatcmpl-fakewx${String(served).padStart(6, '0')}`, model, created: Math.floor(Date.now() / 1000), reasoningField: undefined };
    const toolCalls = resolveToolCalls(reply, served);
    if (route[2] === 'chat') return sendJson(response, 200, toWatsonxBody(createFakeOpenAICompletion(context, reply, toolCalls), model));
    return streamChat(response, context, reply, toolCalls, model);
  });
  return Object.assign(server, { issued });
}

/** A foundation model's call names its project or space; a deployment's does not need to. */
function checkScope(body: Record<string, unknown>, deployment: string | undefined, project: string | undefined): string | undefined {
  if (deployment !== undefined) return 'model_id' in body ? "Field 'model_id' is not allowed for deployments" : undefined;
  const scope = body['project_id'] ?? body['space_id'];
  if (typeof scope !== 'string') return "Either 'project_id' or 'space_id' must be specified";
  if (project !== undefined && scope !== project) return `Project '${scope}' not found or not accessible`;
  return undefined;
}

function failureEvent(): string {
  return `id: 0\nevent: error\ndata: ${JSON.stringify(watsonxErrorBody(500, 'internal_error', 'Internal error'))}\n\n`;
}

function checkChatBody(body: Record<string, unknown>, deployment: string | undefined, project: string | undefined): string | undefined {
  for (const field of ['model', 'stream', 'stream_options', 'max_completion_tokens']) if (field in body) return `Unrecognized field '${field}'`;
  if (!Array.isArray(body['messages'])) return "Missing required field 'messages'";
  if (deployment !== undefined) return 'model_id' in body ? "Field 'model_id' is not allowed for deployments" : undefined;
  if (typeof body['model_id'] !== 'string') return "Missing required field 'model_id'";
  const scope = body['project_id'] ?? body['space_id'];
  if (typeof scope !== 'string') return "Either 'project_id' or 'space_id' must be specified";
  if (project !== undefined && scope !== project) return `Project '${scope}' not found or not accessible`;
  if (typeof body['tool_choice'] === 'string') return "Field 'tool_choice' must be an object; use 'tool_choice_option' for auto, none or required";
  return undefined;
}

function answerIam(request: RecordedRequest, response: ServerResponse, options: FakeWatsonxOptions, issued: string[]): void {
  const form = new URLSearchParams(request.text);
  if (form.get('grant_type') !== 'urn:ibm:params:oauth:grant-type:apikey') {
    return sendJson(response, 400, { errorCode: 'BXNIM0109E', errorMessage: 'Property missing or empty: grant_type', context: { requestId: 'fake' } });
  }
  if (!options.apiKeys.includes(form.get('apikey') ?? '')) {
    return sendJson(response, 400, { errorCode: 'BXNIM0415E', errorMessage: 'Provided API key could not be found.', context: { requestId: 'fake' } });
  }
  const expiresIn = options.expiresInSeconds ?? 3600;
  const token = fakeIamJwt(issued.length + 1, expiresIn);
  issued.push(token);
  sendJson(response, 200, {
    access_token: token,
    refresh_token: 'not_supported',
    token_type: 'Bearer',
    expires_in: expiresIn,
    expiration: Math.floor(Date.now() / 1000) + expiresIn,
    scope: 'ibm openid',
  });
}

/**
 * IAM access tokens are JWTs, and IBM's SDKs read `exp` and `iat` from them to know when to
 * renew: a JWT with those claims and a fake signature (nobody but IAM verifies it).
 */
function fakeIamJwt(serial: number, expiresIn: number): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', kid: 'fake' })}.${part({ iam_id: 'iam-fake', sub: 'fake', iat: now, exp: now + expiresIn, n: serial, nonce: Math.random().toString(36).slice(2) })}.ZmFrZQ`;
}

/** watsonx names the model `model_id` (and also `model` in newer versions), with its timestamps. */
function toWatsonxBody(openAIBody: unknown, model: string): Record<string, unknown> {
  const body = isRecord(openAIBody) ? { ...openAIBody } : {};
  delete body['object'];
  delete body['service_tier'];
  delete body['system_fingerprint'];
  return { ...body, model_id: model, model_version: '3.1.0', created_at: new Date().toISOString() };
}

function streamChat(response: ServerResponse, context: FakeOpenAIChatContext, reply: FakeChatReply, toolCalls: ReturnType<typeof resolveToolCalls>, model: string): Promise<void> {
  const chunks = createFakeOpenAIEvents(context, reply, toolCalls, false).filter((event) => event.frame !== 'data: [DONE]\n\n');
  const usage = usageOf(reply, toolCalls);
  const events = chunks.map((event, index) => {
    const chunk = toWatsonxBody(JSON.parse(event.frame.slice('data: '.length)), model);
    // watsonx reports usage on the last chunk, unasked.
    if (index === chunks.length - 1) chunk['usage'] = usage;
    return { frame: `id: ${index + 1}\nevent: message\ndata: ${JSON.stringify(chunk)}\n\n`, content: event.content };
  });
  const failure = () => `id: ${events.length + 1}\nevent: error\ndata: ${JSON.stringify(watsonxErrorBody(500, 'internal_error', 'Internal error'))}\n\n`;
  return sendFakeSseReply(response, events, reply, failure);
}
