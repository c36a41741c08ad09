// A fake Amazon SageMaker Runtime on 127.0.0.1:0 whose endpoints run a TGI-style container
// that, like TGI's SageMaker route, takes both body shapes: a messages-API body (InvokeEndpoint
// answers an OpenAI chat.completion, the stream is OpenAI SSE or LMI's JSON lines) and a
// generate body `{"inputs", "parameters"}` (a `[{generated_text, details}]` list, the stream
// TGI's token events; fake-sagemaker-tgi.ts). InvokeEndpointWithResponseStream relays the
// container's stream in `PayloadPart` frames cut at arbitrary byte offsets, as SageMaker
// relays whatever the container flushed. Requests must carry a valid SigV4 signature for
// service `sagemaker`.

import type { ServerResponse } from 'node:http';
import type { FakeChatReply } from './fake-chat-reply.js';
import { awsEventFrame, awsExceptionFrame, awsFramesBefore, awsRequestId, sendAwsError, sendAwsEventStream, type FakeAwsFrame } from './fake-aws-event-stream.js';
import { verifyAwsSigV4, type FakeAwsCredentials } from './fake-aws-sigv4.js';
import { createFakeOpenAICompletion, createFakeOpenAIEvents, resolveToolCalls, type FakeOpenAIChatContext } from './fake-openai-chat.js';
import { createFakeTgiEvents, createFakeTgiGeneration } from './fake-sagemaker-tgi.js';
import { sendJson, startFakeServer, type FakeServer, type RecordedRequest } from './start-fake-server.js';

export interface FakeSageMakerOptions extends FakeAwsCredentials {
  region: string;
  /** Endpoint names that exist; any name when unset. */
  endpoints?: string[];
  /** The reply to each request; defaults to the text `Hello from <endpoint>`. */
  reply?: (request: RecordedRequest) => FakeChatReply;
  /** How the container streams a messages-API reply: OpenAI SSE (TGI, vLLM; default) or JSON lines (LMI). */
  streamFormat?: 'sse' | 'jsonlines';
  /** Size of the PayloadPart pieces the container's stream is cut into (default 23 bytes). */
  payloadPartBytes?: number;
}

const ROUTE_PATTERN = /^\/endpoints\/([^/]+)\/(invocations|invocations-response-stream)$/;
const MODEL_ID = 'tgi';

export function startFakeSageMakerUpstream(options: FakeSageMakerOptions): Promise<FakeServer> {
  let served = 0;
  return startFakeServer(async (request, response) => {
    served += 1;
    const denied = await verifyAwsSigV4(request, { ...options, service: 'sagemaker' });
    if (denied !== undefined) return sendAwsError(response, denied.status, denied.errorType, denied.message);

    const route = ROUTE_PATTERN.exec(request.url.split('?')[0] ?? '');
    if (request.method !== 'POST' || route === null) return sendAwsError(response, 404, 'UnknownOperationException', 'Unknown operation');
    const endpoint = decodeURIComponent(route[1] ?? '');
    if (options.endpoints !== undefined && !options.endpoints.includes(endpoint)) {
      return sendAwsError(response, 400, 'ValidationError', `Endpoint ${endpoint} of account 123456789012 not found.`);
    }
    const body = request.json as
      { messages?: unknown; inputs?: unknown; parameters?: { details?: unknown }; stream?: unknown; stream_options?: { include_usage?: unknown } } | undefined;
    const generate = typeof body?.inputs === 'string';
    if (!generate && !Array.isArray(body?.messages)) return sendContainerError(response, 422, 'Input validation error: `messages` must be a list', 'validation');
    if (generate && route[2] === 'invocations-response-stream' && body.stream !== true) {
      // TGI's route answers a generate body without `stream: true` in one piece, which SageMaker cannot relay as a stream.
      return sendContainerError(response, 422, 'Failed to deserialize the JSON body into the target type: stream must be true', 'validation');
    }

    const reply = options.reply?.(request) ?? { content: `Hello from ${endpoint}` };
    if (reply.error !== undefined) return sendJson(response, reply.error.status, reply.error.body, { 'x-amzn-requestid': awsRequestId(), ...reply.error.headers });
    if (generate) {
      const headers = { 'x-amzn-invoked-production-variant': 'AllTraffic', 'x-amzn-requestid': awsRequestId() };
      if (route[2] === 'invocations') return sendJson(response, 200, createFakeTgiGeneration(reply, body.parameters), headers);
      return sendFrames(response, toPayloadParts(createFakeTgiEvents(reply), options, false), reply, headers);
    }
    const context: FakeOpenAIChatContext = { id: `chatcmpl-fake${served}`, model: MODEL_ID, created: 1_732_000_000 + served, reasoningField: undefined };
    const toolCalls = resolveToolCalls(reply, served);
    const headers = { 'x-amzn-invoked-production-variant': 'AllTraffic', 'x-amzn-requestid': awsRequestId() };

    if (route[2] === 'invocations') return sendJson(response, 200, createFakeOpenAICompletion(context, reply, toolCalls), headers);
    const events = createFakeOpenAIEvents(context, reply, toolCalls, body.stream_options?.include_usage === true);
    return sendFrames(response, toPayloadParts(events, options, options.streamFormat === 'jsonlines'), reply, headers);
  });
}

/** The stream, broken by a ModelStreamError or cut where the reply asks. */
function sendFrames(response: ServerResponse, frames: FakeAwsFrame[], reply: FakeChatReply, headers: Record<string, string>): Promise<void> {
  if (reply.failAfterChunks !== undefined) {
    const exception = awsExceptionFrame('ModelStreamError', { Message: 'Your model stream was broken.', ErrorCode: 'StreamBroken' });
    return sendAwsEventStream(response, [...awsFramesBefore(frames, reply.failAfterChunks), exception], headers);
  }
  if (reply.dropAfterChunks !== undefined) return sendAwsEventStream(response, awsFramesBefore(frames, reply.dropAfterChunks), headers);
  return sendAwsEventStream(response, frames, headers);
}

/** The container's stream bytes, in pieces that ignore event boundaries. */
function toPayloadParts(events: Array<{ frame: string; content: boolean }>, options: FakeSageMakerOptions, jsonLines: boolean): FakeAwsFrame[] {
  const size = options.payloadPartBytes ?? 23;
  const frames: FakeAwsFrame[] = [];
  for (const event of events) {
    const text = jsonLines ? toJsonLine(event.frame) : event.frame;
    const bytes = Buffer.from(text, 'utf8');
    for (let start = 0; start < bytes.length; start += size) {
      // Only an event's first piece counts, so failures are injected between events.
      frames.push(awsEventFrame('PayloadPart', bytes.subarray(start, start + size), event.content && start === 0));
    }
  }
  return frames;
}

/** `data: {...}\n\n` → `{...}\n`; JSON-lines containers send no `[DONE]`. */
function toJsonLine(frame: string): string {
  const data = frame.slice('data: '.length).trim();
  return data === '[DONE]' ? '' : `${data}\n`;
}

/** A container error as SageMaker wraps it: ModelError 424 with the container's status and text. */
function sendContainerError(response: ServerResponse, status: number, error: string, errorType: string): void {
  const original = JSON.stringify({ error, error_type: errorType });
  sendJson(
    response,
    424,
    {
      ErrorCode: 'CLIENT_ERROR_FROM_MODEL',
      LogStreamArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/Endpoints/fake',
      Message: `Received client error (${status}) from primary with message "${original}". See the log stream for more information.`,
      OriginalMessage: original,
      OriginalStatusCode: status,
    },
    { 'x-amzn-errortype': 'ModelError', 'x-amzn-requestid': awsRequestId() },
  );
}
