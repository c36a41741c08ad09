// A fake Cohere v2 API on 127.0.0.1:0: `/v2/chat` (a JSON reply, or Cohere's event stream
// when `stream` is true), `/v2/embed` and `/v2/rerank`, with Cohere's `{"message"}` error
// bodies, a failing `message-end` and dropped connections on demand.

import { randomUUID } from 'node:crypto';
import type { FakeChatReply } from './fake-chat-reply.js';
import { cohereToolCalls, createFakeCohereEvents, createFakeCohereReply, frameCohereEvent } from './fake-cohere-chat.js';
import { createFakeCohereEmbed, createFakeCohereRerank } from './fake-cohere-embed.js';
import { checkCohereChatBody } from './fake-cohere-request.js';
import { sendJson, startFakeServer, type FakeServer, type RecordedRequest } from './start-fake-server.js';
import { sendFakeSseReply } from './send-fake-sse-reply.js';
import { isRecord } from './is-record.js';

export interface FakeCohereOptions {
  /** When set, requests must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** The reply to each chat request; defaults to the text `Hello from <model>`. */
  reply?: (request: RecordedRequest) => FakeChatReply;
  /** Length of embedding vectors unless the request asks for `output_dimension` (default 8). */
  embeddingDimensions?: number;
}

/** The error a failing stream reports in its `message-end`. */
export const COHERE_STREAM_ERROR = 'internal server error, this has been reported to our developers';

/** A generation that fails after the 200 ends with an ERROR finish carrying the error. */
const failedEndFrame = (): string => frameCohereEvent('message-end', { delta: { error: COHERE_STREAM_ERROR, finish_reason: 'ERROR' } });

export function startFakeCohereUpstream(options: FakeCohereOptions = {}): Promise<FakeServer> {
  let served = 0;
  return startFakeServer(async (request, response) => {
    served += 1;
    const id = randomUUID();
    const fail = (status: number, message: string): void => sendJson(response, status, { id, message });
    const path = request.url.split('?')[0];
    if (request.method !== 'POST' || (path !== '/v2/chat' && path !== '/v2/embed' && path !== '/v2/rerank')) return fail(404, 'Not Found');
    if (options.apiKey !== undefined && request.headers.authorization !== `Bearer ${options.apiKey}`) {
      return sendJson(response, 401, { message: 'invalid api token' });
    }
    const body = request.json;
    if (!isRecord(body)) return fail(400, 'invalid request: body must be a JSON object');
    if (typeof body['model'] !== 'string' || body['model'] === '') return fail(400, 'invalid request: model must be specified');

    if (path === '/v2/embed') {
      const texts = body['texts'];
      if (!isStringList(texts)) return fail(400, 'invalid request: texts must be a list of strings');
      if (typeof body['input_type'] !== 'string') return fail(400, 'invalid request: input_type is required for embed models v3 and higher');
      const dimensions = typeof body['output_dimension'] === 'number' ? body['output_dimension'] : (options.embeddingDimensions ?? 8);
      return sendJson(response, 200, createFakeCohereEmbed(id, texts, dimensions));
    }
    if (path === '/v2/rerank') {
      const documents = body['documents'];
      if (typeof body['query'] !== 'string') return fail(400, 'invalid request: query must be a string');
      if (!isStringList(documents)) return fail(400, 'invalid request: documents must be a list of strings');
      const topN = typeof body['top_n'] === 'number' ? body['top_n'] : undefined;
      return sendJson(response, 200, createFakeCohereRerank(id, body['query'], documents, topN));
    }
    if (!Array.isArray(body['messages'])) return fail(400, 'invalid request: messages must be a list');
    const problem = checkCohereChatBody(body);
    if (problem !== undefined) return fail(400, problem);

    const reply = options.reply?.(request) ?? { content: `Hello from ${body['model']}` };
    if (reply.error !== undefined) return sendJson(response, reply.error.status, reply.error.body, reply.error.headers);
    const calls = cohereToolCalls(reply, served);
    if (body['stream'] !== true) return sendJson(response, 200, createFakeCohereReply(id, reply, calls));
    return sendFakeSseReply(response, createFakeCohereEvents(id, reply, calls), reply, failedEndFrame);
  });
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
