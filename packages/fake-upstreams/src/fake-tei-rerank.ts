// A fake Hugging Face Text Embeddings Inference server on 127.0.0.1:0: `POST /rerank` with
// TEI's body (`query`, `texts`, `return_text`, `truncate`, `raw_scores`) and reply (a list of
// `{index, score, text?}`, best first), `{"error", "error_type"}` errors. TEI has no top_n.

import type { FakeRerankOptions } from './fake-jina-rerank.js';
import { rankFakeDocuments } from './fake-rerank-scores.js';
import { isRecord } from './is-record.js';
import { sendJson, startFakeServer, type FakeServer } from './start-fake-server.js';

export function startFakeTeiUpstream(options: FakeRerankOptions = {}): Promise<FakeServer> {
  return startFakeServer((request, response) => {
    if (request.method !== 'POST' || request.url !== '/rerank') return sendJson(response, 404, { error: 'Not Found', error_type: 'NotFound' });
    if (options.apiKey !== undefined && request.headers.authorization !== `Bearer ${options.apiKey}`)
      return sendJson(response, 401, { error: 'Unauthorized', error_type: 'Unauthorized' });
    const body = request.json;
    if (!isRecord(body) || typeof body['query'] !== 'string' || !Array.isArray(body['texts']) || !body['texts'].every((text) => typeof text === 'string')) {
      return sendJson(response, 422, { error: 'Failed to deserialize the JSON body: missing field `query` or `texts`', error_type: 'Validation' });
    }
    const texts = body['texts'] as string[];
    return sendJson(
      response,
      200,
      rankFakeDocuments(body['query'], texts).map((item) => ({ index: item.index, score: item.score, ...(body['return_text'] === true ? { text: texts[item.index] } : {}) })),
    );
  });
}
