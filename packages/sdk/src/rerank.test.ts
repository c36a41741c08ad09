// rerank() through the public API: Cohere's /v2/rerank on the fake upstream, documents
// echoed on request, and the errors for providers or inputs that cannot be reranked.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { startFakeCohereUpstream } from '@llmux/fake-upstreams';
import { AuthenticationError, BadRequestError, rerank } from './index.js';
import { useFakeServer } from './providers/__fixtures__/use-fake-upstream.js';

const API_KEY = 'co-test-0123456789';
const DOCUMENTS = ['Berlin is the capital of Germany.', 'Paris is the capital of France.', 'France is known for wine.'];

describe('rerank()', () => {
  const upstream = useFakeServer(() => startFakeCohereUpstream({ apiKey: API_KEY }));

  const call = (params: Partial<Parameters<typeof rerank>[0]> = {}) =>
    rerank({
      model: 'cohere/rerank-v3.5',
      api_base: upstream.fake.url,
      api_key: API_KEY,
      http_client: upstream.http,
      query: 'What is the capital of France?',
      documents: DOCUMENTS,
      ...params,
    });

  it('sends query and documents to /v2/rerank and returns results most relevant first', async () => {
    const response = await call({ top_n: 2, max_tokens_per_doc: 512 });
    assert.equal(upstream.fake.requests.at(-1)?.url, '/v2/rerank');
    assert.equal(upstream.fake.requests.at(-1)?.headers.authorization, `Bearer ${API_KEY}`);
    assert.deepEqual(upstream.fake.requests.at(-1)?.json, {
      model: 'rerank-v3.5',
      query: 'What is the capital of France?',
      documents: DOCUMENTS,
      top_n: 2,
      max_tokens_per_doc: 512,
    });
    assert.match(response.id, /^[0-9a-f-]{36}$/);
    assert.deepEqual(
      response.results.map((result) => result.index),
      [1, 0],
    );
    assert.ok((response.results[0]?.relevance_score ?? 0) > (response.results[1]?.relevance_score ?? 1));
    assert.equal(response.results[0]?.document, undefined);
    assert.deepEqual(response.meta, { api_version: { version: '2' }, billed_units: { search_units: 1 } });
    // One search unit at Cohere's list price.
    const { durationMs, ...metadata } = response.llmux;
    assert.deepEqual(metadata, { provider: 'cohere', model: 'rerank-v3.5', cost: 0.002, warnings: [] });
    assert.ok((durationMs ?? -1) >= 0);
    assert.deepEqual(Object.keys(JSON.parse(JSON.stringify(response))), ['id', 'results', 'meta']);
  });

  it('echoes the ranked documents when return_documents is set, ranking object documents by text', async () => {
    const response = await call({ documents: [{ text: 'Paris is the capital of France.', id: 'doc-1' }, 'Rome is in Italy.'], return_documents: true });
    assert.deepEqual((upstream.fake.requests.at(-1)?.json as { documents: unknown }).documents, ['Paris is the capital of France.', 'Rome is in Italy.']);
    assert.deepEqual(
      response.results.map((result) => result.document),
      [{ text: 'Paris is the capital of France.' }, { text: 'Rome is in Italy.' }],
    );
  });

  it('throws typed upstream errors', async () => {
    await assert.rejects(call({ api_key: 'co-wrong-key-99' }), AuthenticationError);
  });

  it('refuses providers without reranking, and documents that are not a list', async () => {
    await assert.rejects(
      rerank({ model: 'ollama/bge-reranker', query: 'q', documents: ['a'], api_base: upstream.fake.url, http_client: upstream.http }),
      (error: unknown) => error instanceof BadRequestError && /does not offer reranking/.test(error.message),
    );
    // A caller without types (plain JavaScript, a JSON body) can send anything: the cast stands for one.
    await assert.rejects(call({ documents: 'not a list' as unknown as string[] }), (error: unknown) => error instanceof BadRequestError && error.param === 'documents');
  });
});
