// Cohere embeddings through the public embedding(): the /v2/embed wire body (input_type
// from the call's settings) and the OpenAI-shaped result, as floats or base64.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { startFakeCohereUpstream } from '@llmux/fake-upstreams';
import { AuthenticationError, BadRequestError, embedding } from '../../index.js';
import { useFakeServer } from '../__fixtures__/use-fake-upstream.js';

const API_KEY = 'co-test-0123456789';

describe('cohere embeddings through embedding()', () => {
  const upstream = useFakeServer(() => startFakeCohereUpstream({ apiKey: API_KEY }));

  const call = (params: Partial<Parameters<typeof embedding>[0]> = {}) =>
    embedding({ model: 'cohere/embed-v4.0', api_base: upstream.fake.url, api_key: API_KEY, http_client: upstream.http, input: ['hello world', 'bye'], ...params });

  it('sends texts as search_document floats and returns the OpenAI embedding list', async () => {
    const result = await call();
    assert.equal(upstream.fake.requests.at(-1)?.url, '/v2/embed');
    assert.deepEqual(upstream.fake.requests.at(-1)?.json, { model: 'embed-v4.0', texts: ['hello world', 'bye'], input_type: 'search_document', embedding_types: ['float'] });
    assert.equal(result.object, 'list');
    assert.equal(result.model, 'embed-v4.0');
    assert.deepEqual(
      result.data.map((item) => [item.object, item.index, (item.embedding as number[]).length]),
      [
        ['embedding', 0, 8],
        ['embedding', 1, 8],
      ],
    );
    assert.deepEqual(result.usage, { prompt_tokens: 3, total_tokens: 3 });
  });

  it('takes input_type from the call settings and dimensions as output_dimension', async () => {
    const floats = await call({ input: 'hello world' });
    const encoded = await call({ input: 'hello world', input_type: 'search_query', dimensions: 8, encoding_format: 'base64' });
    assert.deepEqual(upstream.fake.requests.at(-1)?.json, {
      model: 'embed-v4.0',
      texts: ['hello world'],
      input_type: 'search_query',
      embedding_types: ['float'],
      output_dimension: 8,
    });
    const bytes = Buffer.from(encoded.data[0]?.embedding as string, 'base64');
    assert.deepEqual([...new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4)], floats.data[0]?.embedding);
  });

  it('refuses token-id input, and throws typed upstream errors', async () => {
    await assert.rejects(call({ input: [[1, 2, 3]] }), (error: unknown) => error instanceof BadRequestError && error.param === 'input');
    await assert.rejects(call({ api_key: 'co-wrong-key-99' }), (error: unknown) => error instanceof AuthenticationError && error.message === 'invalid api token');
  });
});
