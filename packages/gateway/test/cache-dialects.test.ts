// The response cache on /v1/messages (with @anthropic-ai/sdk) and /v1/responses (with the
// openai client), on deployments that pass the dialect through (Anthropic, OpenAI's
// Responses) and on translated ones: a hit has no upstream call and answers identically
// apart from the id, a stream hit is replayed as the dialect's event stream that the official
// client accumulates into the same message, a streamed answer serves a later plain request,
// and the hit's spend row is 0 with cache_hit and the operation's call_type.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { startFakeAnthropicUpstream, startFakeOpenAIUpstream, type FakeChatReply, type FakeServer, type RecordedRequest } from '@llmux/fake-upstreams';
import { managementClient } from './helpers/management-client.js';
import { readMetric } from './helpers/read-metric.js';
import { startTestGateway, type TestGateway } from './helpers/start-test-gateway.js';
import { waitForSpendRows } from './helpers/wait-for-spend-rows.js';

const MASTER_KEY = 'sk-master-cache-dialects';

describe('response cache on /v1/messages and /v1/responses', () => {
  let anthropicUpstream: FakeServer;
  let openaiUpstream: FakeServer;
  let gateway: TestGateway;
  let anthropic: Anthropic;
  let openai: OpenAI;
  let answers = 0;

  const reply = (request: RecordedRequest): FakeChatReply => {
    answers += 1;
    // A prompt asking for a tool gets thinking (signed), text and a tool call: every block kind a stream reassembles.
    if (request.text.includes('use the tool')) {
      return {
        reasoning: `thought ${answers}`,
        content: `calling ${answers}`,
        toolCalls: [{ name: 'lookup', arguments: `{"n":${answers}}` }],
        usage: { promptTokens: 12, completionTokens: 7 },
      };
    }
    return { content: `answer ${answers} with several words to stream`, usage: { promptTokens: 10, completionTokens: 6 } };
  };

  before(async () => {
    anthropicUpstream = await startFakeAnthropicUpstream({ apiKey: 'sk-ant-upstream', reply });
    openaiUpstream = await startFakeOpenAIUpstream({ apiKey: 'sk-openai-upstream', reply });
    const price = { input_cost_per_token: 0.000003, output_cost_per_token: 0.000015 };
    gateway = await startTestGateway({
      model_list: [
        { model_name: 'claude', litellm_params: { model: 'anthropic/claude-sonnet-4-5-20250929', api_base: anthropicUpstream.url, api_key: 'sk-ant-upstream', ...price } },
        { model_name: 'gpt', litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${openaiUpstream.url}/v1`, api_key: 'sk-openai-upstream', ...price } },
      ],
      litellm_settings: { cache: true, cache_params: { type: 'local' } },
      general_settings: { master_key: MASTER_KEY },
    });
    anthropic = new Anthropic({ apiKey: MASTER_KEY, baseURL: gateway.url, maxRetries: 0 });
    openai = new OpenAI({ apiKey: MASTER_KEY, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
  });
  after(async () => {
    await gateway.close();
    await Promise.all([anthropicUpstream.close(), openaiUpstream.close()]);
  });

  const upstreamCalls = (): number => anthropicUpstream.requests.length + openaiUpstream.requests.length;
  const withoutId = <T extends { id: string }>(value: T): Omit<T, 'id'> => {
    const { id: _id, ...rest } = value;
    return rest;
  };
  // The clients' stream helpers add fields of their own (parsed output) to what they accumulate.
  const CLIENT_FIELDS = new Set(['parsed', 'parsed_arguments', 'parsed_output']);
  const wire = (value: object): unknown => JSON.parse(JSON.stringify(value, (name: string, field: unknown) => (CLIENT_FIELDS.has(name) ? undefined : field)));
  const message = (model: string, text: string): Anthropic.MessageCreateParamsNonStreaming => ({ model, max_tokens: 200, messages: [{ role: 'user', content: text }] });

  for (const model of ['claude', 'gpt']) {
    const kind = model === 'claude' ? 'passed through' : 'translated';

    it(`/v1/messages ${kind}: a repeat is a hit with the same message apart from the id`, async () => {
      const calls = upstreamCalls();
      const first = await anthropic.messages.create(message(model, `messages json ${model}`)).withResponse();
      const second = await anthropic.messages.create(message(model, `messages json ${model}`)).withResponse();
      assert.equal(upstreamCalls(), calls + 1);
      assert.notEqual(second.data.id, first.data.id);
      assert.match(second.data.id, /^msg_/);
      assert.deepEqual(withoutId(second.data), withoutId(first.data));
      const key = first.response.headers.get('x-litellm-cache-key');
      assert.match(key ?? '', /^[0-9a-f]{64}$/);
      assert.equal(second.response.headers.get('x-litellm-cache-key'), key);
    });

    it(`/v1/messages ${kind}: a streamed answer (thinking, text, tool use) serves a plain request, and is replayed as a stream`, async () => {
      const params = message(model, `use the tool, ${model}`);
      const calls = upstreamCalls();
      const streamed = await anthropic.messages.stream(params).finalMessage();
      assert.equal(upstreamCalls(), calls + 1);
      assert.ok(streamed.content.some((block) => block.type === 'tool_use'));
      const plain = await anthropic.messages.create(params);
      assert.equal(upstreamCalls(), calls + 1, 'the plain request was a hit');
      assert.deepEqual(wire(withoutId(plain)), wire(withoutId(streamed)));
      const events: string[] = [];
      const replay = anthropic.messages.stream(params).on('streamEvent', (event) => events.push(event.type));
      const replayed = await replay.finalMessage();
      assert.equal(upstreamCalls(), calls + 1, 'the stream was a hit');
      assert.deepEqual(wire(withoutId(replayed)), wire(withoutId(streamed)));
      assert.equal(events[0], 'message_start');
      assert.equal(events.at(-1), 'message_stop');
    });
  }

  for (const model of ['gpt', 'claude']) {
    const kind = model === 'gpt' ? 'passed through' : 'bridged';

    it(`/v1/responses ${kind}: a repeat is a hit, and a stream is replayed as Responses events`, async () => {
      const input = `responses question ${model}`;
      const calls = upstreamCalls();
      const first = await openai.responses.create({ model, input, store: false });
      const second = await openai.responses.create({ model, input, store: false });
      assert.equal(upstreamCalls(), calls + 1);
      assert.notEqual(second.id, first.id);
      assert.match(second.id, /^resp_/);
      const { created_at: _c1, ...rest1 } = withoutId(first);
      const { created_at: _c2, ...rest2 } = withoutId(second);
      assert.deepEqual(rest2, rest1);

      const types: string[] = [];
      let text = '';
      let completed: OpenAI.Responses.Response | undefined;
      for await (const event of await openai.responses.create({ model, input, stream: true, store: false })) {
        types.push(event.type);
        if (event.type === 'response.output_text.delta') text += event.delta;
        if (event.type === 'response.completed') completed = event.response;
      }
      assert.equal(upstreamCalls(), calls + 1, 'the stream was a hit');
      assert.equal(types[0], 'response.created');
      assert.equal(types.at(-1), 'response.completed');
      assert.equal(text, first.output_text);
      assert.deepEqual(completed?.output, first.output);
    });

    it(`/v1/responses ${kind}: a streamed answer serves a plain request`, async () => {
      const input = `use the tool on responses ${model}`;
      const calls = upstreamCalls();
      const stream = openai.responses.stream({ model, input, store: false });
      const streamed = await stream.finalResponse();
      assert.equal(upstreamCalls(), calls + 1);
      const plain = await openai.responses.create({ model, input, store: false });
      assert.equal(upstreamCalls(), calls + 1);
      assert.deepEqual(wire(plain.output), wire(streamed.output));
      assert.deepEqual(plain.usage, streamed.usage);
    });
  }

  it('/v1/responses: a stored response or a follow-up is never answered from the cache', async () => {
    const input = 'stateful responses question';
    const calls = upstreamCalls();
    // Stored (store defaults to true): each must be a response of its own, retrievable by id.
    const first = await openai.responses.create({ model: 'claude', input });
    const second = await openai.responses.create({ model: 'claude', input });
    assert.equal(upstreamCalls(), calls + 2);
    assert.equal((await openai.responses.retrieve(second.id)).id, second.id);
    // A follow-up depends on a conversation only its owner may continue: never a cache hit.
    await openai.responses.create({ model: 'claude', input: 'and then?', previous_response_id: first.id, store: false });
    await openai.responses.create({ model: 'claude', input: 'and then?', previous_response_id: first.id, store: false });
    assert.equal(upstreamCalls(), calls + 4);
  });

  it('a hit on /v1/messages is billed 0 with cache_hit and its call_type, and counted by the hit metric', async () => {
    const admin = managementClient(gateway.url, MASTER_KEY);
    const key = String((await admin.post('/key/generate', {})).body['key']);
    const client = new Anthropic({ apiKey: key, baseURL: gateway.url, maxRetries: 0 });
    const metrics = async (): Promise<number> =>
      readMetric(await (await fetch(`${gateway.url}/metrics`, { headers: { authorization: `Bearer ${MASTER_KEY}` } })).text(), 'litellm_cache_hits_metric');
    const hitsBefore = await metrics();
    await client.messages.create(message('claude', 'billed question'));
    await client.messages.create(message('claude', 'billed question'));
    assert.equal(await metrics(), hitsBefore + 1);
    const rows = await waitForSpendRows(admin, key, 2);
    assert.equal(rows.length, 2);
    const hit = rows.find((row) => (row as { cache_hit?: boolean }).cache_hit === true);
    const miss = rows.find((row) => (row as { cache_hit?: boolean }).cache_hit !== true);
    assert.equal(hit?.spend, 0);
    assert.equal(hit?.metadata?.['call_type'], 'anthropic_messages');
    assert.ok((miss?.spend ?? 0) > 0);
  });

  it('an upstream error is not stored', async () => {
    const calls = upstreamCalls();
    await assert.rejects(anthropic.messages.create({ ...message('claude', 'bad request'), max_tokens: -1 }), Anthropic.APIError);
    await assert.rejects(anthropic.messages.create({ ...message('claude', 'bad request'), max_tokens: -1 }), Anthropic.APIError);
    assert.ok(upstreamCalls() >= calls, 'never served from the cache');
  });
});
