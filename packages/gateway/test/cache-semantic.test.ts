// The semantic cache (type local-semantic) end to end with the openai client: a paraphrase
// whose embedding is at or above similarity_threshold is answered from the cache with no
// chat call upstream, a related question below it is not; entries stay within their model
// group, parameters and key scope; the embedding call goes through the gateway's Router to
// the configured model and has its own priced spend row (call_type aembedding). Also: a
// redis-semantic cache on a Redis without vector search refuses the start, naming the module.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import OpenAI from 'openai';
import { cosineSimilarity, fakeBagOfWordsVector, startFakeOpenAIUpstream, startFakeSemanticEmbeddingsUpstream, type FakeServer } from '@llmux/fake-upstreams';
import { createGateway, parseConfig } from '../src/index.js';
import { createLocalSemanticIndex } from '../src/cache/create-local-semantic-index.js';
import { normalizeVector } from '../src/cache/semantic-index.js';
import { managementClient } from './helpers/management-client.js';
import { startTestGateway, type TestGateway } from './helpers/start-test-gateway.js';
import { waitForSpendRows } from './helpers/wait-for-spend-rows.js';
import { readChatStream } from './helpers/read-chat-stream.js';

const MASTER_KEY = 'sk-master-semantic';
const THRESHOLD = 0.9;
const PRICE = { input_cost_per_token: 0.000001, output_cost_per_token: 0.000002 };

const similarity = (left: string, right: string): number => cosineSimilarity(fakeBagOfWordsVector(`user: ${left}`), fakeBagOfWordsVector(`user: ${right}`));

describe('semantic cache (local-semantic)', () => {
  let chat: FakeServer;
  let embeddings: FakeServer;
  let gateway: TestGateway;
  let client: OpenAI;
  let answers = 0;

  before(async () => {
    chat = await startFakeOpenAIUpstream({ reply: () => ({ content: `answer ${(answers += 1)}`, usage: { promptTokens: 10, completionTokens: 2 } }) });
    embeddings = await startFakeSemanticEmbeddingsUpstream();
    const openai = { api_base: `${chat.url}/v1`, api_key: 'sk-upstream', ...PRICE };
    gateway = await startTestGateway({
      model_list: [
        { model_name: 'gpt', litellm_params: { model: 'openai/gpt-4o-mini', ...openai } },
        { model_name: 'gpt-other', litellm_params: { model: 'openai/gpt-4o', ...openai } },
        {
          model_name: 'semantic-embed',
          litellm_params: { model: 'openai/text-embedding-3-small', api_base: `${embeddings.url}/v1`, api_key: 'sk-embed', input_cost_per_token: 0.0000001 },
        },
      ],
      litellm_settings: { cache: true, cache_params: { type: 'local-semantic', similarity_threshold: THRESHOLD, redis_semantic_cache_embedding_model: 'semantic-embed' } },
      general_settings: { master_key: MASTER_KEY },
    });
    client = new OpenAI({ apiKey: MASTER_KEY, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
  });
  after(async () => {
    await gateway.close();
    await Promise.all([chat.close(), embeddings.close()]);
  });

  const chatCalls = (): number => chat.requests.filter((request) => request.url.endsWith('/chat/completions')).length;
  const embedCalls = (): number => embeddings.requests.length;
  const ask = (content: string, model = 'gpt', extra: Record<string, unknown> = {}): OpenAI.ChatCompletionCreateParamsNonStreaming => ({
    model,
    messages: [{ role: 'user', content }],
    ...extra,
  });

  it('answers a paraphrase above the threshold from the cache, and misses a question below it', async () => {
    const question = 'What is the capital of France?';
    const paraphrase = 'what is the capital city of France';
    const related = 'What is the capital of Germany?';
    // What the fake's vectors give, so the test states the margins it relies on.
    assert.ok(similarity(question, paraphrase) >= THRESHOLD, `paraphrase ${similarity(question, paraphrase)}`);
    assert.ok(similarity(question, related) < THRESHOLD, `related ${similarity(question, related)}`);

    const calls = chatCalls();
    const first = await client.chat.completions.create(ask(question)).withResponse();
    assert.equal(chatCalls(), calls + 1);
    assert.equal(embedCalls(), 1, 'the prompt was embedded through the configured model');
    const second = await client.chat.completions.create(ask(paraphrase)).withResponse();
    assert.equal(chatCalls(), calls + 1, 'the paraphrase was answered from the cache');
    assert.equal(second.data.choices[0]?.message.content, first.data.choices[0]?.message.content);
    assert.notEqual(second.data.id, first.data.id);
    // The hit names the entry it came from.
    assert.equal(second.response.headers.get('x-litellm-cache-key'), first.response.headers.get('x-litellm-cache-key'));

    const third = await client.chat.completions.create(ask(related));
    assert.equal(chatCalls(), calls + 2, 'a related question below the threshold goes upstream');
    assert.notEqual(third.choices[0]?.message.content, first.data.choices[0]?.message.content);
  });

  it('a stream request is served from a semantic hit as a stream', async () => {
    await client.chat.completions.create(ask('how many legs does a spider have'));
    const calls = chatCalls();
    const stream = await client.chat.completions.create({ ...ask('how many legs does a spider have exactly'), stream: true });
    const { text } = await readChatStream(stream);
    assert.equal(chatCalls(), calls);
    assert.match(text, /^answer \d+$/);
  });

  it('keeps entries apart by model group and by the other parameters', async () => {
    await client.chat.completions.create(ask('name a large ocean please'));
    const calls = chatCalls();
    await client.chat.completions.create(ask('name a large ocean please', 'gpt-other'));
    assert.equal(chatCalls(), calls + 1, 'another model group');
    await client.chat.completions.create(ask('name a large ocean please', 'gpt', { temperature: 0.1 }));
    assert.equal(chatCalls(), calls + 2, 'another temperature');
    await client.chat.completions.create(ask('please name a large ocean', 'gpt', { temperature: 0.1 }));
    assert.equal(chatCalls(), calls + 2, 'the paraphrase with that temperature hits');
  });

  it('leaves a prompt with more than text (a tool result) to the exact cache, with no embedding call', async () => {
    const before = embedCalls();
    const messages: OpenAI.ChatCompletionMessageParam[] = [
      { role: 'user', content: 'weather?' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
    ];
    await client.chat.completions.create({ model: 'gpt', messages });
    assert.equal(embedCalls(), before);
  });

  it('bills the embedding call on the caller key as its own aembedding row, and the hit at 0', async () => {
    const admin = managementClient(gateway.url, MASTER_KEY);
    const key = String((await admin.post('/key/generate', {})).body['key']);
    const keyed = new OpenAI({ apiKey: key, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    await keyed.chat.completions.create(ask('which planet is the largest'));
    await keyed.chat.completions.create(ask('which planet is the largest one'));
    const rows = await waitForSpendRows(admin, key, 4);
    const embedRows = rows.filter((row) => row.metadata?.['call_type'] === 'aembedding');
    const chatRows = rows.filter((row) => row.metadata?.['call_type'] === 'acompletion');
    assert.equal(embedRows.length, 2, JSON.stringify(rows));
    assert.equal(chatRows.length, 2);
    for (const row of embedRows) {
      assert.equal(row.model_group, 'semantic-embed');
      assert.ok((row.spend ?? 0) > 0, 'the embedding is priced');
      assert.ok((row.prompt_tokens ?? 0) > 0);
    }
    const hit = chatRows.find((row) => (row as { cache_hit?: boolean }).cache_hit === true);
    assert.ok(hit, 'one chat row is the hit');
    assert.equal(hit.spend, 0);
  });
});

describe('semantic cache configuration', () => {
  const model_list = [
    { model_name: 'gpt', litellm_params: { model: 'openai/gpt-4o-mini', api_key: 'sk-x' } },
    { model_name: 'embed', litellm_params: { model: 'openai/text-embedding-3-small', api_key: 'sk-x' } },
  ];

  it('refuses a semantic cache without an embedding model from model_list, or with a bad threshold', () => {
    const start = (cache_params: Record<string, unknown>): unknown =>
      createGateway({ config: parseConfig({ model_list, litellm_settings: { cache: true, cache_params } }, 'test', {}).config });
    assert.throws(() => start({ type: 'local-semantic' }), /redis_semantic_cache_embedding_model: a semantic cache needs/);
    assert.throws(() => start({ type: 'local-semantic', redis_semantic_cache_embedding_model: 'nope' }), /"nope" is not a model_name/);
    assert.throws(() => start({ type: 'local-semantic', redis_semantic_cache_embedding_model: 'embed', similarity_threshold: 1.5 }), /similarity_threshold/);
    const { warnings } = parseConfig(
      { model_list, litellm_settings: { cache: true, cache_params: { type: 'local-semantic', similarity_threshold: 0.8, redis_semantic_cache_embedding_model: 'embed' } } },
      'test',
      {},
      { strict: true },
    );
    assert.deepEqual(
      warnings.filter((warning) => /cache/.test(warning)),
      [],
    );
  });

  it('redis-semantic on the machine Redis: refuses the start naming the search module when FT.SEARCH is missing', async () => {
    const url = 'redis://127.0.0.1:6379';
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0 });
    await probe.connect();
    const info = (await probe.call('COMMAND', 'INFO', 'FT.SEARCH')) as unknown[];
    probe.disconnect();
    const hasSearch = Array.isArray(info) && info[0] !== null;
    const { config } = parseConfig(
      {
        model_list,
        litellm_settings: { cache: true, cache_params: { type: 'redis-semantic', redis_semantic_cache_embedding_model: 'embed' } },
        general_settings: { redis_url: url },
      },
      'test',
      {},
    );
    const gateway = createGateway({ config, closeGraceMs: 100 });
    try {
      if (hasSearch) await gateway.listen(0, '127.0.0.1');
      else
        await assert.rejects(
          gateway.listen(0, '127.0.0.1'),
          /redis-semantic" needs Redis vector search: the configured Redis has no FT\.SEARCH command \(the RediSearch module "search"/,
        );
    } finally {
      await gateway.close();
    }
  });
});

describe('the in-process semantic index', () => {
  // Seeded, so a failure replays.
  let seed = 42;
  const random = (): number => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 0xffffffff - 0.5;
  const vector = (): Float32Array => normalizeVector(Array.from({ length: 384 }, random)) as Float32Array;
  const near = (base: Float32Array): Float32Array => normalizeVector(Array.from(base, (value) => value + random() * 0.08)) as Float32Array;

  it('finds a close neighbour among thousands (past the full-scan size, through the sketches)', async () => {
    const index = createLocalSemanticIndex(5000);
    const targets = Array.from({ length: 5 }, vector);
    for (let entry = 0; entry < 3000; entry += 1) await index.add('p', `noise-${entry}`, vector(), undefined);
    for (const [at, target] of targets.entries()) await index.add('p', `target-${at}`, target, undefined);
    for (const [at, target] of targets.entries()) {
      const match = await index.nearest('p', near(target));
      assert.equal(match?.key, `target-${at}`);
      assert.ok((match?.similarity ?? 0) > 0.8 && (match?.similarity ?? 0) < 1);
    }
    assert.equal(await index.nearest('other', targets[0] as Float32Array), undefined, 'partitions are apart');
  });

  it('holds at most maxEntries vectors, replacing the oldest, and drops expired ones', async () => {
    const index = createLocalSemanticIndex(100);
    const first = vector();
    await index.add('p', 'first', first, undefined);
    for (let entry = 0; entry < 100; entry += 1) await index.add('p', `later-${entry}`, vector(), undefined);
    assert.notEqual((await index.nearest('p', first))?.key, 'first');
    const brief = vector();
    await index.add('q', 'brief', brief, 0.05);
    assert.equal((await index.nearest('q', brief))?.key, 'brief');
    await new Promise((resolve) => setTimeout(resolve, 80));
    assert.equal(await index.nearest('q', brief), undefined);
  });
});
