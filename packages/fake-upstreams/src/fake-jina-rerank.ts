// A fake Jina AI API on 127.0.0.1:0: `POST /v1/embeddings` (fake-provider-embeddings.ts) and
// `POST /v1/rerank` with a Bearer key, Jina's body
// (`model`, `query`, `documents`, `top_n`, `return_documents`) and reply
// (`model`, `usage.total_tokens`, `results[{index, relevance_score, document: {text}}]`),
// FastAPI-style `{"detail"}` errors.

import { createFakeJinaEmbeddings } from './fake-provider-embeddings.js';
import { countFakeRerankTokens, fakeDocumentText, rankFakeDocuments } from './fake-rerank-scores.js';
import { isRecord } from './is-record.js';
import { sendJson, startFakeServer, type FakeServer } from './start-fake-server.js';

export interface FakeRerankOptions {
  /** When set, requests must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
}

export function startFakeJinaUpstream(options: FakeRerankOptions = {}): Promise<FakeServer> {
  return startFakeServer((request, response) => {
    if (request.method !== 'POST' || (request.url !== '/v1/rerank' && request.url !== '/v1/embeddings')) return sendJson(response, 404, { detail: 'Not Found' });
    if (options.apiKey !== undefined && request.headers.authorization !== `Bearer ${options.apiKey}`) return sendJson(response, 401, { detail: 'Unauthorized: invalid API key' });
    const body = request.json;
    if (request.url === '/v1/embeddings') {
      const answer = createFakeJinaEmbeddings(isRecord(body) ? body : {});
      return 'refused' in answer ? sendJson(response, 422, { detail: answer.refused }) : sendJson(response, 200, answer.reply);
    }
    if (!isRecord(body) || typeof body['model'] !== 'string' || typeof body['query'] !== 'string' || !Array.isArray(body['documents'])) {
      return sendJson(response, 422, { detail: [{ loc: ['body'], msg: 'model, query and documents are required', type: 'value_error' }] });
    }
    const documents = body['documents'].map(fakeDocumentText);
    if (documents.some((document) => document === undefined))
      return sendJson(response, 422, { detail: [{ loc: ['body', 'documents'], msg: 'a document is a string or {text}', type: 'value_error' }] });
    const texts = documents as string[];
    const ranked = rankFakeDocuments(body['query'], texts);
    const topN = typeof body['top_n'] === 'number' ? body['top_n'] : ranked.length;
    const withDocuments = body['return_documents'] !== false;
    return sendJson(response, 200, {
      model: body['model'],
      usage: { total_tokens: countFakeRerankTokens(body['query'], texts) },
      results: ranked.slice(0, topN).map((item) => ({ index: item.index, relevance_score: item.score, ...(withDocuments ? { document: { text: texts[item.index] } } : {}) })),
    });
  });
}
