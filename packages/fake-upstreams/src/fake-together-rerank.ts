// A fake Together AI reranker on 127.0.0.1:0: `POST /v1/rerank` with a Bearer key, Together's
// body (`model`, `query`, `documents`, `top_n`, `return_documents`, `rank_fields`) and reply
// (`object: "rerank"`, `id`, `model`, `results[{index, relevance_score, document}]`, `usage`),
// OpenAI-style error bodies.

import type { FakeRerankOptions } from './fake-jina-rerank.js';
import { countFakeRerankTokens, fakeDocumentText, rankFakeDocuments } from './fake-rerank-scores.js';
import { isRecord } from './is-record.js';
import { sendJson, startFakeServer, type FakeServer } from './start-fake-server.js';

const error = (message: string, type: string): unknown => ({ error: { message, type, param: null, code: null } });

export function startFakeTogetherUpstream(options: FakeRerankOptions = {}): Promise<FakeServer> {
  let served = 0;
  return startFakeServer((request, response) => {
    served += 1;
    if (request.method !== 'POST' || request.url !== '/v1/rerank') return sendJson(response, 404, error('Not found', 'invalid_request_error'));
    if (options.apiKey !== undefined && request.headers.authorization !== `Bearer ${options.apiKey}`)
      return sendJson(response, 401, error('Invalid API key provided', 'invalid_api_key'));
    const body = request.json;
    if (!isRecord(body) || typeof body['model'] !== 'string' || typeof body['query'] !== 'string' || !Array.isArray(body['documents'])) {
      return sendJson(response, 400, error('model, query and documents are required', 'invalid_request_error'));
    }
    const texts = body['documents'].map((document) => fakeDocumentText(document) ?? JSON.stringify(document));
    const ranked = rankFakeDocuments(body['query'], texts);
    const topN = typeof body['top_n'] === 'number' ? body['top_n'] : ranked.length;
    const tokens = countFakeRerankTokens(body['query'], texts);
    return sendJson(response, 200, {
      object: 'rerank',
      id: `oGs6Zt9-fake${String(served).padStart(4, '0')}`,
      model: body['model'],
      results: ranked
        .slice(0, topN)
        .map((item) => ({ index: item.index, relevance_score: item.score, document: body['return_documents'] === true ? { text: texts[item.index] } : null })),
      usage: { prompt_tokens: tokens, completion_tokens: 0, total_tokens: tokens },
    });
  });
}
