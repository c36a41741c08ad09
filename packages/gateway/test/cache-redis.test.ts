// The Redis response cache, shared by two gateway instances (the machine's Redis, db 15, a
// namespace of the test's own): one instance's answer serves the other with no upstream
// call; flushall removes only the cache's keys; a Redis that does not answer is a miss and
// a log line, never an error for the client.

import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startFakeOpenAIUpstream, type FakeServer } from '@llmux/fake-upstreams';
import { Redis } from 'ioredis';
import { startCacheWorld, type CacheWorld } from './helpers/cache-gateway.js';
import { freePort } from './helpers/free-port.js';
import { redisAvailable, TEST_REDIS_URL } from './helpers/redis-available.js';

const ask = (content: string) => ({ model: 'gpt', messages: [{ role: 'user' as const, content }] });

describe('Redis response cache shared by two instances', async () => {
  const available = await redisAvailable();
  let upstream: FakeServer;
  let first: CacheWorld;
  let second: CacheWorld;
  let redis: Redis;
  const namespace = `test-${randomUUID()}`;
  let answers = 0;

  before(async () => {
    if (!available) return;
    upstream = await startFakeOpenAIUpstream({ reply: () => ({ content: `shared answer ${(answers += 1)}` }) });
    const env = { ...process.env, REDIS_URL: TEST_REDIS_URL };
    first = await startCacheWorld({ type: 'redis', namespace, ttl: 120 }, env, upstream);
    second = await startCacheWorld({ type: 'redis', namespace, ttl: 120 }, env, upstream);
    redis = new Redis(TEST_REDIS_URL);
  });
  after(async () => {
    if (!available) return;
    redis.disconnect();
    await first.close();
    await second.close();
    await upstream.close();
  });

  it("serves one instance's answer from the other, with no upstream call", async (t) => {
    if (!available) return t.skip(`no Redis at ${TEST_REDIS_URL}`);
    const calls = first.chatCalls();
    const original = await first.client.chat.completions.create(ask('shared question')).withResponse();
    const shared = await second.client.chat.completions.create(ask('shared question')).withResponse();
    assert.equal(first.chatCalls(), calls + 1);
    assert.equal(shared.data.choices[0]?.message.content, original.data.choices[0]?.message.content);
    const key = shared.response.headers.get('x-litellm-cache-key') ?? '';
    assert.equal(key, original.response.headers.get('x-litellm-cache-key'));
    assert.ok(key.startsWith(`${namespace}:`));
    assert.ok((await redis.pttl(`llmux:cache:${key}`)) > 100_000, 'stored with the configured ttl');
    const ping = await second.admin.get('/cache/ping');
    assert.deepEqual([ping.status, ping.body['cache_type']], [200, 'redis']);
  });

  it('shares embeddings per item', async (t) => {
    if (!available) return t.skip(`no Redis at ${TEST_REDIS_URL}`);
    const embedCalls = () => upstream.requests.filter((request) => request.url.endsWith('/embeddings')).length;
    const original = await first.client.embeddings.create({ model: 'embed', input: [`${namespace} one`, `${namespace} two`] });
    const calls = embedCalls();
    const shared = await second.client.embeddings.create({ model: 'embed', input: [`${namespace} two`] });
    assert.equal(embedCalls(), calls);
    assert.deepEqual(shared.data[0]?.embedding, original.data[1]?.embedding);
  });

  it('flushall removes the cache entries and nothing else in the Redis', async (t) => {
    if (!available) return t.skip(`no Redis at ${TEST_REDIS_URL}`);
    const other = `not-cache:${namespace}`;
    await redis.set(other, 'kept', 'EX', 60);
    await first.client.chat.completions.create(ask('flushed question'));
    const flushed = await second.admin.post('/cache/flushall', {});
    assert.equal(flushed.status, 200);
    assert.equal(await redis.get(other), 'kept');
    assert.deepEqual(await redis.keys(`llmux:cache:${namespace}:*`), []);
    const calls = first.chatCalls();
    await second.client.chat.completions.create(ask('flushed question'));
    assert.equal(first.chatCalls(), calls + 1);
    await redis.del(other);
  });
});

describe('a Redis cache that does not answer', () => {
  it('serves every request from upstream and logs the failure', async () => {
    const port = await freePort();
    const world = await startCacheWorld({ type: 'redis', host: '127.0.0.1', port, namespace: 'dead' });
    try {
      const calls = world.chatCalls();
      const one = await world.client.chat.completions.create(ask('no redis'));
      await world.client.chat.completions.create(ask('no redis'));
      assert.match(one.choices[0]?.message.content ?? '', /^answer \d+$/);
      assert.equal(world.chatCalls(), calls + 2, 'both misses, neither an error');
      assert.ok(world.gateway.logs.lines.some((line) => line.includes('response cache lookup failed')));
      assert.equal((await world.admin.get('/cache/ping')).status, 503);
    } finally {
      await world.close();
    }
  });
});
