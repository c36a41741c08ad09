// A fake Gemini Developer API (AI Studio) on 127.0.0.1:0: generateContent, streamGenerateContent
// (`alt=sse`, CRLF framed) and batchEmbedContents under /v1beta and /v1, with the API key in
// `x-goog-api-key` or `?key=`, and Google's error bodies.

import { answerGenerate } from './fake-gemini-generate.js';
import { fakeEmbeddingVector } from './fake-vector.js';
import type { FakeGeminiReply } from './fake-gemini-reply.js';
import { isRecord } from './is-record.js';
import { apiKeyInvalidBody, googleErrorBody } from './fake-google-error.js';
import { sendJson, startFakeServer, type FakeServer, type RecordedRequest } from './start-fake-server.js';

export interface FakeGeminiOptions {
  /** When set, requests must carry this key. */
  apiKey?: string;
  /** The reply to each generate request; defaults to the text `Hello from <model>`. */
  reply?: (request: RecordedRequest) => FakeGeminiReply;
  /** Length of embedding vectors unless a request asks for outputDimensionality (default 8). */
  embeddingDimensions?: number;
}

const ROUTE = /^\/(v1|v1beta|v1alpha)\/(models|tunedModels)\/([^/:]+):([A-Za-z]+)$/;

export function startFakeGeminiUpstream(options: FakeGeminiOptions = {}): Promise<FakeServer> {
  let served = 0;
  return startFakeServer(async (request, response) => {
    served += 1;
    const url = new URL(request.url, 'http://fake');
    const route = ROUTE.exec(url.pathname);
    if (request.method !== 'POST' || route === null) {
      return sendJson(response, 404, googleErrorBody(404, 'NOT_FOUND', `Method not found: ${request.method} ${url.pathname}`));
    }
    const key = request.headers['x-goog-api-key'] ?? url.searchParams.get('key') ?? undefined;
    if (options.apiKey !== undefined && key !== options.apiKey) return sendJson(response, 400, apiKeyInvalidBody());

    const [, version, collection, model = '', method] = route;
    const responseId = `fakeResp${String(served).padStart(6, '0')}`;
    const reply = options.reply ?? (() => ({ content: `Hello from ${model}` }));
    switch (method) {
      case 'generateContent':
      case 'streamGenerateContent':
        return answerGenerate(request, response, { method, model, responseId, flavor: 'ai-studio', reply });
      case 'batchEmbedContents':
        return answerBatchEmbed(request.json, `${collection}/${model}`, options.embeddingDimensions ?? 8, response);
      default:
        return sendJson(response, 404, googleErrorBody(404, 'NOT_FOUND', `models/${model} is not found for API version ${version}, or is not supported for ${method}.`));
    }
  });
}

function answerBatchEmbed(body: unknown, resourceName: string, dimensions: number, response: Parameters<typeof sendJson>[0]): void {
  const requests = isRecord(body) ? body['requests'] : undefined;
  if (!Array.isArray(requests) || requests.length === 0)
    return sendJson(response, 400, googleErrorBody(400, 'INVALID_ARGUMENT', '* BatchEmbedContentsRequest.requests: requests is not specified'));
  const embeddings: Array<{ values: number[] }> = [];
  for (const [index, item] of requests.entries()) {
    const model = isRecord(item) ? item['model'] : undefined;
    if (model !== resourceName) {
      return sendJson(response, 400, googleErrorBody(400, 'INVALID_ARGUMENT', `* BatchEmbedContentsRequest.requests[${index}].model: model must be ${resourceName}`));
    }
    const content = isRecord(item) ? item['content'] : undefined;
    const parts = isRecord(content) ? content['parts'] : undefined;
    const text = Array.isArray(parts) ? parts.map((part) => (isRecord(part) && typeof part['text'] === 'string' ? part['text'] : '')).join('') : '';
    const size = isRecord(item) && typeof item['outputDimensionality'] === 'number' ? item['outputDimensionality'] : dimensions;
    embeddings.push({ values: fakeEmbeddingVector(text, size) });
  }
  sendJson(response, 200, { embeddings });
}
