// The response cache on chat, end to end with the openai client: exact hits across keys
// with no upstream call, each per-request control, a stream replayed, stream ↔ plain,
// the cache key header, a spend row of 0 marked cache_hit, and the hit metric.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import OpenAI from 'openai';
import { startFakeOpenAIUpstream } from '@llmux/fake-upstreams';
import { CACHE_MASTER_KEY, startCacheWorld, withCache, type CacheWorld } from './helpers/cache-gateway.js';
import { readMetric } from './helpers/read-metric.js';

const ask = (content: string, extra: Partial<ChatCompletionCreateParamsNonStreaming> = {}): ChatCompletionCreateParamsNonStreaming => ({
  model: 'gpt',
  messages: [{ role: 'user', content }],
  ...extra,
});

describe('response cache on chat (local)', () => {
  let world: CacheWorld;

  before(async () => {
    world = await startCacheWorld({ type: 'local', ttl: 600 });
  });
  after(() => world.close());

  const streamText = async (client: OpenAI, body: ChatCompletionCreateParamsNonStreaming): Promise<{ text: string; ids: Set<string>; usage: unknown }> => {
    const stream = await client.chat.completions.create({ ...body, stream: true, stream_options: { include_usage: true } });
    let text = '';
    const ids = new Set<string>();
    let usage: unknown;
    for await (const chunk of stream) {
      ids.add(chunk.id);
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    return { text, ids, usage };
  };

  it('answers the same question from a second key with no upstream call, the same body but id and created', async () => {
    const { admin } = world;
    const keyA = String((await admin.post('/key/generate', {})).body['key']);
    const keyB = String((await admin.post('/key/generate', {})).body['key']);
    const clientA = new OpenAI({ apiKey: keyA, baseURL: `${world.gateway.url}/v1`, maxRetries: 0 });
    const clientB = new OpenAI({ apiKey: keyB, baseURL: `${world.gateway.url}/v1`, maxRetries: 0 });
    const calls = world.chatCalls();
    const first = await clientA.chat.completions.create(ask('capital of France?', { temperature: 0.2 })).withResponse();
    // Another key, another `user`, fields in another order: the same question.
    const second = await clientB.chat.completions
      .create({ temperature: 0.2, user: 'someone-else', messages: [{ role: 'user', content: 'capital of France?' }], model: 'gpt' })
      .withResponse();
    assert.equal(world.chatCalls(), calls + 1, 'one upstream call for two requests');
    const { id: id1, created: _c1, ...rest1 } = first.data;
    const { id: id2, created: _c2, ...rest2 } = second.data;
    assert.notEqual(id1, id2);
    assert.deepEqual(rest2, rest1);
    const cacheKey = first.response.headers.get('x-litellm-cache-key');
    assert.match(cacheKey ?? '', /^[0-9a-f]{64}$/);
    assert.equal(second.response.headers.get('x-litellm-cache-key'), cacheKey);

    // Another temperature is another question.
    await clientB.chat.completions.create(ask('capital of France?', { temperature: 0.9 }));
    assert.equal(world.chatCalls(), calls + 2);

    // The hit's spend row: 0, marked cache_hit, with the key; the miss's row has a cost.
    const rowsOf = async (key: string): Promise<Array<{ spend: number; cache_hit: boolean; metadata: Record<string, unknown> }>> => {
      for (let attempt = 0; attempt < 100; attempt += 1) {
        const logs = await admin.get(`/spend/logs?api_key=${encodeURIComponent(key)}`);
        const rows = (Array.isArray(logs.body) ? logs.body : ((logs.body as { data?: unknown[] }).data ?? [])) as Array<{
          spend: number;
          cache_hit: boolean;
          metadata: Record<string, unknown>;
        }>;
        if (rows.length > 0) return rows;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return [];
    };
    const rowsA = await rowsOf(keyA);
    assert.equal(rowsA.length, 1);
    assert.equal(rowsA[0]?.cache_hit, false);
    assert.ok((rowsA[0]?.spend ?? 0) > 0);
    const hitRow = (await rowsOf(keyB)).find((row) => row.cache_hit);
    assert.ok(hitRow, 'key B has a cache_hit row');
    assert.equal(hitRow.spend, 0);
    assert.equal(hitRow.metadata['cache_key'], cacheKey);

    const metrics = await (await fetch(`${world.gateway.url}/metrics`, { headers: { authorization: `Bearer ${CACHE_MASTER_KEY}` } })).text();
    assert.ok(readMetric(metrics, 'litellm_cache_hits_metric') >= 1);
  });

  it('no-cache skips the lookup but stores the new answer', async () => {
    const calls = world.chatCalls();
    const first = await world.client.chat.completions.create(ask('no-cache question'));
    const fresh = await world.client.chat.completions.create(withCache(ask('no-cache question'), { 'no-cache': true }));
    assert.equal(world.chatCalls(), calls + 2);
    assert.notEqual(fresh.choices[0]?.message.content, first.choices[0]?.message.content);
    const after = await world.client.chat.completions.create(ask('no-cache question'));
    assert.equal(world.chatCalls(), calls + 2);
    assert.equal(after.choices[0]?.message.content, fresh.choices[0]?.message.content);
    // The controls never reach the provider.
    assert.equal((world.upstream.requests.at(-1)?.json as Record<string, unknown>)['cache'], undefined);
  });

  it('no-store answers from upstream and keeps nothing', async () => {
    const calls = world.chatCalls();
    const { response } = await world.client.chat.completions.create(withCache(ask('no-store question'), { 'no-store': true })).withResponse();
    assert.match(response.headers.get('x-litellm-cache-key') ?? '', /^[0-9a-f]{64}$/);
    await world.client.chat.completions.create(ask('no-store question'));
    assert.equal(world.chatCalls(), calls + 2);
  });

  it('ttl ends an entry', async () => {
    const calls = world.chatCalls();
    await world.client.chat.completions.create(withCache(ask('short-lived'), { ttl: 0.3 }));
    await world.client.chat.completions.create(ask('short-lived'));
    assert.equal(world.chatCalls(), calls + 1, 'still fresh');
    await new Promise((resolve) => setTimeout(resolve, 450));
    await world.client.chat.completions.create(ask('short-lived'));
    assert.equal(world.chatCalls(), calls + 2, 'expired');
  });

  it('s-maxage accepts only younger entries', async () => {
    const calls = world.chatCalls();
    await world.client.chat.completions.create(ask('aging'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await world.client.chat.completions.create(withCache(ask('aging'), { 's-maxage': 60 }));
    assert.equal(world.chatCalls(), calls + 1, 'young enough');
    await world.client.chat.completions.create(withCache(ask('aging'), { 's-maxage': 0.1 }));
    assert.equal(world.chatCalls(), calls + 2, 'too old');
  });

  it('namespace keeps entries apart', async () => {
    const calls = world.chatCalls();
    const { response } = await world.client.chat.completions.create(withCache(ask('namespaced'), { namespace: 'team-a' })).withResponse();
    assert.match(response.headers.get('x-litellm-cache-key') ?? '', /^team-a:[0-9a-f]{64}$/);
    await world.client.chat.completions.create(withCache(ask('namespaced'), { namespace: 'team-b' }));
    await world.client.chat.completions.create(ask('namespaced'));
    assert.equal(world.chatCalls(), calls + 3);
    await world.client.chat.completions.create(withCache(ask('namespaced'), { namespace: 'team-a' }));
    assert.equal(world.chatCalls(), calls + 3);
  });

  it('refuses a malformed control with a 400 in OpenAI shape', async () => {
    await assert.rejects(world.client.chat.completions.create(withCache(ask('bad'), { ttl: 'soon' })), (error: unknown) => {
      assert.ok(error instanceof OpenAI.BadRequestError);
      assert.match(error.message, /cache\.ttl/);
      return true;
    });
    await assert.rejects(world.client.chat.completions.create(withCache(ask('bad'), { 'no-cahce': true })), OpenAI.BadRequestError);
  });

  it('replays a cached stream as a stream, with no upstream call', async () => {
    const calls = world.chatCalls();
    const first = await streamText(world.client, ask('stream me'));
    const second = await streamText(world.client, ask('stream me'));
    assert.equal(world.chatCalls(), calls + 1);
    assert.equal(second.text, first.text);
    assert.match(second.text, /^answer \d+$/);
    assert.deepEqual(second.usage, first.usage);
    assert.equal(second.ids.size, 1);
    assert.notDeepEqual([...second.ids], [...first.ids]);
  });

  it('a streamed answer serves a plain request, and a plain one a stream', async () => {
    const calls = world.chatCalls();
    const streamed = await streamText(world.client, ask('streamed first'));
    const plain = await world.client.chat.completions.create(ask('streamed first'));
    assert.equal(plain.choices[0]?.message.content, streamed.text);
    assert.equal(plain.choices[0]?.finish_reason, 'stop');
    const plainFirst = await world.client.chat.completions.create(ask('plain first'));
    const replayed = await streamText(world.client, ask('plain first'));
    assert.equal(replayed.text, plainFirst.choices[0]?.message.content);
    assert.equal(world.chatCalls(), calls + 2);
  });
});

describe('response cache in default_off mode', () => {
  let world: CacheWorld;

  before(async () => {
    world = await startCacheWorld({ type: 'local', mode: 'default_off' });
  });
  after(() => world.close());

  it('caches only requests that ask with use-cache', async () => {
    const calls = world.chatCalls();
    const { response } = await world.client.chat.completions.create(ask('opt in?')).withResponse();
    await world.client.chat.completions.create(ask('opt in?'));
    assert.equal(world.chatCalls(), calls + 2);
    assert.equal(response.headers.get('x-litellm-cache-key'), null, 'not looked up');
    await world.client.chat.completions.create(withCache(ask('opt in?'), { 'use-cache': true }));
    const hit = await world.client.chat.completions.create(withCache(ask('opt in?'), { 'use-cache': true })).withResponse();
    assert.equal(world.chatCalls(), calls + 3);
    assert.match(hit.response.headers.get('x-litellm-cache-key') ?? '', /^[0-9a-f]{64}$/);
  });
});

describe('response cache scoped per key', () => {
  let world: CacheWorld;

  before(async () => {
    world = await startCacheWorld({ type: 'local', scope: 'key' });
  });
  after(() => world.close());

  it('keeps each key its own entries', async () => {
    const { admin } = world;
    const clientOf = async (): Promise<OpenAI> =>
      new OpenAI({ apiKey: String((await admin.post('/key/generate', {})).body['key']), baseURL: `${world.gateway.url}/v1`, maxRetries: 0 });
    const [one, two] = [await clientOf(), await clientOf()];
    const calls = world.chatCalls();
    const first = await one.chat.completions.create(ask('scoped')).withResponse();
    const other = await two.chat.completions.create(ask('scoped')).withResponse();
    assert.equal(world.chatCalls(), calls + 2, 'another key does not see the entry');
    assert.notEqual(other.response.headers.get('x-litellm-cache-key'), first.response.headers.get('x-litellm-cache-key'));
    await one.chat.completions.create(ask('scoped'));
    assert.equal(world.chatCalls(), calls + 2, 'the same key hits');
  });
});

describe('response cache with tool calls', () => {
  it('a streamed tool call is reassembled, then served plain and replayed as a stream', async () => {
    const upstream = await startFakeOpenAIUpstream({ reply: () => ({ toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' }] }) });
    const world = await startCacheWorld({ type: 'local' }, { ...process.env }, upstream);
    try {
      const body = ask('weather?', { tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: {} } } }] });
      const stream = await world.client.chat.completions.create({ ...body, stream: true });
      for await (const _chunk of stream) void _chunk;
      const plain = await world.client.chat.completions.create(body);
      assert.equal(world.chatCalls(), 1);
      assert.equal(plain.choices[0]?.finish_reason, 'tool_calls');
      assert.deepEqual(plain.choices[0]?.message.tool_calls, [
        { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' } },
      ]);
      const replay = await world.client.chat.completions.create({ ...body, stream: true });
      let args = '';
      for await (const chunk of replay) args += chunk.choices[0]?.delta.tool_calls?.[0]?.function?.arguments ?? '';
      assert.equal(args, '{"city":"Paris","unit":"celsius"}');
      assert.equal(world.chatCalls(), 1);
    } finally {
      await world.close();
      await upstream.close();
    }
  });
});

describe('response cache and a stream cut short', () => {
  it('does not store a stream that broke midway', async () => {
    let calls = 0;
    const upstream = await startFakeOpenAIUpstream({
      reply: () => ((calls += 1) === 1 ? { content: 'one two three four five', failAfterChunks: 1 } : { content: 'whole answer' }),
    });
    const world = await startCacheWorld({ type: 'local' }, { ...process.env }, upstream);
    try {
      const stream = await world.client.chat.completions.create({ ...ask('fragile'), stream: true });
      await assert.rejects(async () => {
        for await (const _chunk of stream) void _chunk;
      });
      const plain = await world.client.chat.completions.create(ask('fragile'));
      assert.equal(plain.choices[0]?.message.content, 'whole answer');
      assert.equal(world.chatCalls(), 2);
    } finally {
      await world.close();
      await upstream.close();
    }
  });
});
