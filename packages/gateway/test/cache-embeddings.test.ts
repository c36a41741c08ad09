// Embeddings in the response cache, per input item: items seen before come from the cache,
// only the others go upstream (and are billed), in the request's order; all seen: no call.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startCacheWorld, type CacheWorld } from './helpers/cache-gateway.js';

describe('response cache on embeddings', () => {
  let world: CacheWorld;

  before(async () => {
    world = await startCacheWorld({ type: 'local' });
  });
  after(() => world.close());

  const embedCalls = (): Array<{ input: unknown }> =>
    world.upstream.requests.filter((request) => request.url.endsWith('/embeddings')).map((request) => request.json as { input: unknown });

  it('caches each input item, sends only the new ones upstream, and answers in order', async () => {
    const first = await world.client.embeddings.create({ model: 'embed', input: ['alpha', 'beta'] });
    assert.equal(embedCalls().length, 1);
    const second = await world.client.embeddings.create({ model: 'embed', input: ['beta', 'gamma'] });
    assert.equal(embedCalls().length, 2);
    assert.deepEqual(embedCalls()[1]?.input, ['gamma'], 'only the item not cached goes upstream');
    assert.deepEqual(
      second.data.map((item) => item.index),
      [0, 1],
    );
    assert.deepEqual(second.data[0]?.embedding, first.data[1]?.embedding, 'beta from the cache');
    assert.notDeepEqual(second.data[1]?.embedding, second.data[0]?.embedding);

    const { data, response } = await world.client.embeddings.create({ model: 'embed', input: ['gamma', 'alpha'] }).withResponse();
    assert.equal(embedCalls().length, 2, 'every item cached: no upstream call');
    assert.deepEqual(data.data[0]?.embedding, second.data[1]?.embedding);
    assert.deepEqual(data.data[1]?.embedding, first.data[0]?.embedding);
    assert.equal(data.usage.prompt_tokens, 0);
    assert.equal(response.headers.get('x-litellm-cache-key')?.split(',').length, 2);
  });

  it('a single string input is one item', async () => {
    const first = await world.client.embeddings.create({ model: 'embed', input: 'delta' });
    const calls = embedCalls().length;
    const again = await world.client.embeddings.create({ model: 'embed', input: ['delta'] });
    assert.equal(embedCalls().length, calls);
    assert.deepEqual(again.data[0]?.embedding, first.data[0]?.embedding);
  });

  it('dimensions change the key', async () => {
    await world.client.embeddings.create({ model: 'embed', input: 'epsilon' });
    const calls = embedCalls().length;
    const smaller = await world.client.embeddings.create({ model: 'embed', input: 'epsilon', dimensions: 4 });
    assert.equal(embedCalls().length, calls + 1);
    assert.equal(smaller.data[0]?.embedding.length, 4);
  });
});
