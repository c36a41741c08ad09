// A fake Infinity server (michaelfeil/infinity) on 127.0.0.1:0: `POST /rerank` (and
// `/v1/rerank`), an optional Bearer key, Infinity's body (`query`, `documents`, `model`,
// `top_n`, `return_documents`) and reply (`object: "rerank"`, `results[{relevance_score,
// index, document}]`, `model`, `usage`, `id`, `created`).

import type { FakeRerankOptions } from './fake-jina-rerank.js';
import { countFakeRerankTokens, rankFakeDocuments } from './fake-rerank-scores.js';
import { isRecord } from './is-record.js';
import { sendJson, startFakeServer, type FakeServer } from './start-fake-server.js';

export function startFakeInfinityUpstream(options: FakeRerankOptions = {}): Promise<FakeServer> {
  let served = 0;
  return startFakeServer((request, response) => {
    served += 1;
    if (request.method !== 'POST' || (request.url !== '/rerank' && request.url !== '/v1/rerank')) return sendJson(response, 404, { detail: 'Not Found' });
    if (options.apiKey !== undefined && request.headers.authorization !== `Bearer ${options.apiKey}`) return sendJson(response, 401, { detail: 'Not authenticated' });
    const body = request.json;
    if (!isRecord(body) || typeof body['query'] !== 'string' || !Array.isArray(body['documents']) || !body['documents'].every((document) => typeof document === 'string')) {
      return sendJson(response, 422, { detail: [{ loc: ['body'], msg: 'query and documents (strings) are required', type: 'value_error' }] });
    }
    const texts = body['documents'] as string[];
    const ranked = rankFakeDocuments(body['query'], texts);
    const topN = typeof body['top_n'] === 'number' ? body['top_n'] : ranked.length;
    const tokens = countFakeRerankTokens(body['query'], texts);
    return sendJson(response, 200, {
      object: 'rerank',
      results: ranked.slice(0, topN).map((item) => ({ relevance_score: item.score, index: item.index, document: body['return_documents'] === true ? texts[item.index] : null })),
      model: typeof body['model'] === 'string' ? body['model'] : 'default/not-specified',
      usage: { prompt_tokens: tokens, total_tokens: tokens },
      id: `infinity-fake${String(served).padStart(6, '0')}`,
      created: Math.floor(Date.now() / 1000),
    });
  });
}
