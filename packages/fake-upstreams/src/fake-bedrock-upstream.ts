// A fake Amazon Bedrock Runtime on 127.0.0.1:0: Converse, ConverseStream (binary event
// stream), InvokeModel and InvokeModelWithResponseStream for Claude and the other chat
// families (fake-bedrock-invoke-families.ts), Titan / Cohere
// embeddings, and image models (Nova Canvas, Titan Image, Stability: fake-bedrock-images.ts).
// Every request must carry a valid SigV4 signature for the configured
// credentials, region and service `bedrock` (or, when configured, a Bedrock API key as a
// bearer token); otherwise it is refused as AWS refuses it.

import type { ServerResponse } from 'node:http';
import type { FakeChatReply } from './fake-chat-reply.js';
import { verifyAwsSigV4, type FakeAwsCredentials } from './fake-aws-sigv4.js';
import { awsExceptionFrame, awsFramesBefore, awsRequestId, sendAwsError, sendAwsEventStream, type FakeAwsFrame } from './fake-aws-event-stream.js';
import { converseToClaudeTurns, createFakeConverseFrames, createFakeConverseResponse } from './fake-bedrock-converse.js';
import { checkFakeClaudeThinking, isFakeThinkingOn, toFakeClaudeTurns } from './fake-claude-thinking.js';
import { createFakeCohereEmbeddings, createFakeInvokeFrames, createFakeInvokeMessage, createFakeTitanEmbedding } from './fake-bedrock-invoke.js';
import { sendJson, startFakeServer, type FakeServer, type RecordedRequest } from './start-fake-server.js';
import { isRecord } from './is-record.js';
import { checkFakeConverseRequest, fakeConverseSegments } from './fake-converse-request.js';
import { checkFakeAnthropicRequest, fakeAnthropicSegments } from './fake-anthropic-request.js';
import { FakePromptCache, withFakeCacheUsage } from './fake-prompt-cache.js';
import { createFakeNovaEmbedding } from './fake-bedrock-nova-embeddings.js';
import { answerFakeBedrockImage, isFakeBedrockImageModel } from './fake-bedrock-images.js';
import { checkFakeInvokeFamilyBody, createFakeInvokeFamilyFrames, createFakeInvokeFamilyReply } from './fake-bedrock-invoke-families.js';

export interface FakeBedrockOptions extends FakeAwsCredentials {
  region: string;
  /** A Bedrock API key also accepted as `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** The reply to each chat request; defaults to the text `Hello from <model id>`. */
  reply?: (request: RecordedRequest) => FakeChatReply;
  /** The exception frame sent for FakeChatReply.failAfterChunks (default: throttlingException). */
  streamException?: { type: string; payload: Record<string, unknown> };
  /** Embedding length unless the request sets `dimensions` (default 8). */
  embeddingDimensions?: number;
}

const ROUTE_PATTERN = /^\/model\/([^/]+)\/(converse|converse-stream|invoke|invoke-with-response-stream)$/;
const DEFAULT_EXCEPTION = { type: 'throttlingException', payload: { message: 'Too many requests, please wait before trying again.' } };

export function startFakeBedrockUpstream(options: FakeBedrockOptions): Promise<FakeServer> {
  let served = 0;
  const cache = new FakePromptCache();
  return startFakeServer(async (request, response) => {
    served += 1;
    const denied = await authenticate(request, options);
    if (denied !== undefined) return sendAwsError(response, denied.status, denied.errorType, denied.message);

    const route = ROUTE_PATTERN.exec(request.url.split('?')[0] ?? '');
    if (request.method !== 'POST' || route === null) return sendAwsError(response, 404, 'UnknownOperationException', 'Unknown operation');
    const modelId = decodeURIComponent(route[1] ?? '');
    const operation = route[2] ?? '';
    const body = request.json;
    if (!isRecord(body)) return sendAwsError(response, 400, 'ValidationException', 'Malformed input request, please reformat your input and try again.');

    if (operation === 'invoke' && isFakeBedrockImageModel(modelId)) {
      const answer = answerFakeBedrockImage(modelId, body);
      if (typeof answer === 'string') return sendAwsError(response, 400, 'ValidationException', answer);
      return sendJson(response, 200, answer, { 'x-amzn-requestid': awsRequestId() });
    }
    if (operation === 'invoke' && (modelId.includes('titan-embed') || modelId.includes('cohere.embed') || modelId.includes('nova-2-multimodal-embeddings'))) {
      const dimensions = options.embeddingDimensions ?? 8;
      const answer = modelId.includes('nova')
        ? createFakeNovaEmbedding(body)
        : modelId.includes('titan-embed')
          ? createFakeTitanEmbedding(body, dimensions)
          : createFakeCohereEmbeddings(body, dimensions, served, modelId);
      if (typeof answer === 'string') return sendAwsError(response, 400, 'ValidationException', answer);
      return sendJson(response, 200, answer.body, { 'x-amzn-requestid': awsRequestId(), 'x-amzn-bedrock-input-token-count': String(answer.inputTokens) });
    }

    const claude = modelId.includes('anthropic.');
    const converse = !operation.startsWith('invoke');
    const invalid = converse ? checkConverseBody(body, modelId) : claude ? checkInvokeBody(body) : checkFakeInvokeFamilyBody(modelId, body);
    if (invalid !== undefined) return sendAwsError(response, 400, 'ValidationException', invalid);
    const thinkingError = checkThinking(body, modelId, operation);
    if (thinkingError !== undefined) return sendAwsError(response, 400, 'ValidationException', `The model returned the following errors: ${thinkingError}`);
    const given = options.reply?.(request) ?? { content: `Hello from ${modelId}` };
    if (given.error !== undefined) return sendJson(response, given.error.status, given.error.body, { 'x-amzn-requestid': awsRequestId(), ...given.error.headers });
    // Claude (and Nova, on Converse) cache prompts at their breakpoints.
    const reply = converse || claude ? withFakeCacheUsage(given, cache, () => (converse ? fakeConverseSegments(body) : fakeAnthropicSegments(body))) : given;

    switch (operation) {
      case 'converse':
        return sendJson(response, 200, createFakeConverseResponse(reply, served), { 'x-amzn-requestid': awsRequestId() });
      case 'invoke': {
        if (claude) return sendJson(response, 200, createFakeInvokeMessage(reply, modelId, served), { 'x-amzn-requestid': awsRequestId() });
        const answer = createFakeInvokeFamilyReply(modelId, body, reply, served);
        return sendJson(response, 200, answer.body, { 'x-amzn-requestid': awsRequestId(), ...answer.headers });
      }
      case 'converse-stream':
        return streamReply(response, createFakeConverseFrames(reply, served), reply, options);
      default:
        return streamReply(response, claude ? createFakeInvokeFrames(reply, modelId, served) : createFakeInvokeFamilyFrames(modelId, body, reply, served), reply, options);
    }
  });
}

async function authenticate(request: RecordedRequest, options: FakeBedrockOptions): Promise<{ status: number; errorType: string; message: string } | undefined> {
  const authorization = request.headers.authorization;
  if (options.apiKey !== undefined && authorization?.startsWith('Bearer ') === true) {
    if (authorization.slice('Bearer '.length) === options.apiKey) return undefined;
    return { status: 403, errorType: 'UnrecognizedClientException', message: 'Invalid API Key format: Must be a valid Bedrock API key.' };
  }
  return verifyAwsSigV4(request, { ...options, service: 'bedrock' });
}

/** Failures are injected after content frames: an exception frame, or a stream cut without messageStop. */
async function streamReply(response: ServerResponse, frames: FakeAwsFrame[], reply: FakeChatReply, options: FakeBedrockOptions): Promise<void> {
  if (reply.failAfterChunks !== undefined) {
    const exception = options.streamException ?? DEFAULT_EXCEPTION;
    return sendAwsEventStream(response, [...awsFramesBefore(frames, reply.failAfterChunks), awsExceptionFrame(exception.type, exception.payload)]);
  }
  if (reply.dropAfterChunks !== undefined) return sendAwsEventStream(response, awsFramesBefore(frames, reply.dropAfterChunks));
  return sendAwsEventStream(response, frames);
}

/** Claude checks the thinking blocks sent back, whichever API carried them. */
function checkThinking(body: Record<string, unknown>, modelId: string, operation: string): string | undefined {
  if (!modelId.includes('anthropic.') || !Array.isArray(body['messages'])) return undefined;
  if (operation.startsWith('invoke')) return checkFakeClaudeThinking(toFakeClaudeTurns(body['messages']), isFakeThinkingOn(body['thinking']));
  const fields = isRecord(body['additionalModelRequestFields']) ? body['additionalModelRequestFields'] : {};
  return checkFakeClaudeThinking(converseToClaudeTurns(body['messages']), isFakeThinkingOn(fields['thinking']));
}

function checkConverseBody(body: Record<string, unknown>, modelId: string): string | undefined {
  if (!Array.isArray(body['messages'])) return "1 validation error detected: Value null at 'messages' failed to satisfy constraint: Member must not be null";
  if ('model' in body) return 'extraneous key [model] is not permitted';
  return checkFakeConverseRequest(body, modelId);
}

/** InvokeModel for Claude takes the Messages body without model/stream, with Bedrock's version. */
function checkInvokeBody(body: Record<string, unknown>): string | undefined {
  for (const key of ['model', 'stream']) if (key in body) return `Malformed input request: #: extraneous key [${key}] is not permitted, please reformat your input and try again.`;
  if (body['anthropic_version'] !== 'bedrock-2023-05-31')
    return 'Malformed input request: #: required key [anthropic_version] not found, please reformat your input and try again.';
  if (typeof body['max_tokens'] !== 'number') return 'Malformed input request: #: required key [max_tokens] not found, please reformat your input and try again.';
  if (!Array.isArray(body['messages'])) return 'Malformed input request: #: required key [messages] not found, please reformat your input and try again.';
  const betas = body['anthropic_beta'];
  if (betas !== undefined && (!Array.isArray(betas) || betas.some((beta) => REFUSED_BETAS.has(beta)))) return 'invalid beta flag';
  const invalid = checkFakeAnthropicRequest(body);
  return invalid === undefined ? undefined : `The model returned the following errors: ${invalid}`;
}

/**
 * Anthropic-only beta flags Bedrock was seen refusing, whole call and all (claude-code#49370,
 * CLIProxyAPI#4750). Bedrock keeps an allow list; a sample of refusals keeps the fake's data
 * apart from the SDK's list, which it is there to test.
 */
const REFUSED_BETAS: ReadonlySet<unknown> = new Set(['oauth-2025-04-20', 'prompt-caching-scope-2026-01-05', 'fast-mode-2026-02-01', 'mcp-servers-2025-12-04']);
