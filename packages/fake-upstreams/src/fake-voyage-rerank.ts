// A fake Voyage AI API on 127.0.0.1:0: `POST /v1/embeddings` (fake-provider-embeddings.ts) and
// `POST /v1/rerank` with a Bearer key, Voyage's
// body (`query`, `documents` as strings, `model`, `top_k`, `return_documents`, `truncation`)
// and reply (`object: "list"`, `data[{index, relevance_score, document?}]`, `model`,
// `usage.total_tokens`), `{"detail"}` errors.

import type { FakeRerankOptions } from './fake-jina-rerank.js';
import { createFakeVoyageEmbeddings } from './fake-provider-embeddings.js';
import { countFakeRerankTokens, rankFakeDocuments } from './fake-rerank-scores.js';
import { isRecord } from './is-record.js';
import { sendJson, startFakeServer, type FakeServer } from './start-fake-server.js';

export function startFakeVoyageUpstream(options: FakeRerankOptions = {}): Promise<FakeServer> {
  return startFakeServer((request, response) => {
    if (request.method !== 'POST' || (request.url !== '/v1/rerank' && request.url !== '/v1/embeddings')) return sendJson(response, 404, { detail: 'Not Found' });
    if (options.apiKey !== undefined && request.headers.authorization !== `Bearer ${options.apiKey}`) {
      return sendJson(response, 401, { detail: 'Provided API key is invalid.' });
    }
    const body = request.json;
    if (request.url === '/v1/embeddings') {
      const answer = createFakeVoyageEmbeddings(isRecord(body) ? body : {});
      return 'refused' in answer ? sendJson(response, 400, { detail: answer.refused }) : sendJson(response, 200, answer.reply);
    }
    if (!isRecord(body) || typeof body['model'] !== 'string' || typeof body['query'] !== 'string' || !Array.isArray(body['documents'])) {
      return sendJson(response, 400, { detail: 'Request body must have model, query and documents.' });
    }
    if (!body['documents'].every((document) => typeof document === 'string')) return sendJson(response, 400, { detail: 'documents must be a list of strings.' });
    if (body['top_n'] !== undefined) return sendJson(response, 400, { detail: "Unrecognized request argument supplied: 'top_n'." });
    const texts = body['documents'] as string[];
    const ranked = rankFakeDocuments(body['query'], texts);
    const topK = typeof body['top_k'] === 'number' ? body['top_k'] : ranked.length;
    return sendJson(response, 200, {
      object: 'list',
      data: ranked
        .slice(0, topK)
        .map((item) => ({ relevance_score: item.score, index: item.index, ...(body['return_documents'] === true ? { document: texts[item.index] } : {}) })),
      model: body['model'],
      usage: { total_tokens: countFakeRerankTokens(body['query'], texts) },
    });
  });
}
