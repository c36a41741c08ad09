// A fake Mistral API on 127.0.0.1:0 serving `POST /v1/embeddings` with a Bearer key: Mistral's
// body (fields it does not know are a 422, as Mistral's "Extra inputs are not permitted") and
// reply (fake-provider-embeddings.ts), Mistral's error bodies.

import { createFakeMistralEmbeddings } from './fake-provider-embeddings.js';
import type { FakeRerankOptions } from './fake-jina-rerank.js';
import { isRecord } from './is-record.js';
import { sendJson, startFakeServer, type FakeServer } from './start-fake-server.js';

export function startFakeMistralUpstream(options: FakeRerankOptions = {}): Promise<FakeServer> {
  let served = 0;
  return startFakeServer((request, response) => {
    served += 1;
    if (request.method !== 'POST' || request.url !== '/v1/embeddings')
      return sendJson(response, 404, { object: 'error', message: 'Not Found', type: 'invalid_request_error', code: null });
    if (options.apiKey !== undefined && request.headers.authorization !== `Bearer ${options.apiKey}`)
      return sendJson(response, 401, { message: 'Unauthorized', request_id: `fake${served}` });
    const body = request.json;
    if (!isRecord(body) || typeof body['model'] !== 'string' || body['input'] === undefined)
      return sendJson(response, 422, { object: 'error', message: 'model and input are required', type: 'invalid_request_error', code: null });
    const answer = createFakeMistralEmbeddings(body, `fake-embd-${String(served).padStart(6, '0')}`);
    if ('refused' in answer)
      return sendJson(response, 422, {
        object: 'error',
        message: { detail: [{ type: 'extra_forbidden', msg: answer.refused }] },
        type: 'invalid_request_error',
        param: null,
        code: null,
      });
    return sendJson(response, 200, answer.reply);
  });
}
