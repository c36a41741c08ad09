// /v1/messages content beyond plain text, with the official @anthropic-ai/sdk, on each kind of
// deployment: a streamed tool call, images, thinking, stop sequences, and cached system blocks
// priced on the spend row. Native deployments must receive the blocks as sent; the OpenAI one
// must receive OpenAI's wire form of them.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import { startFakeOpenAIUpstream, type FakeChatReply, type FakeServer, type RecordedRequest } from '@llmux/fake-upstreams';
import { MESSAGES_MASTER_KEY, MODELS, startMessagesGateway, type MessagesGateway, type Upstream } from './helpers/messages-gateway.js';
import { startTestGateway, type TestGateway } from './helpers/start-test-gateway.js';
import { waitForSpendRows } from './helpers/wait-for-spend-rows.js';

const NATIVE: Upstream[] = ['anthropic', 'bedrock', 'vertex'];
const ALL: Upstream[] = [...NATIVE, 'openai'];
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const TOOLS = [{ name: 'get_weather', description: 'Weather in a city', input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] } }];
/** Published per-token prices (USD) of the models behind the native groups: input, output, cache write, cache read. */
const PRICES: Record<string, { input: number; output: number; write: number; read: number }> = {
  anthropic: { input: 3e-6, output: 15e-6, write: 3.75e-6, read: 0.3e-6 },
  vertex: { input: 3e-6, output: 15e-6, write: 3.75e-6, read: 0.3e-6 },
  bedrock: { input: 0.8e-6, output: 4e-6, write: 1e-6, read: 0.08e-6 },
};

type Body = Record<string, unknown> & { messages?: Array<{ role: string; content: unknown }> };

function lastUserText(body: Body): string {
  const last = body.messages?.at(-1);
  if (last?.role === 'tool') return '<tool result>';
  if (typeof last?.content === 'string') return last.content;
  const blocks = Array.isArray(last?.content) ? (last.content as Array<{ type?: string; text?: string }>) : [];
  if (blocks.some((block) => block.type === 'tool_result')) return '<tool result>';
  return blocks.map((block) => block.text ?? '').join('');
}

function reply(request: RecordedRequest): FakeChatReply {
  const body = request.json as Body;
  const text = lastUserText(body);
  const thinking = body['thinking'] !== undefined || body['reasoning_effort'] !== undefined ? { reasoning: 'The user wants the weather; call the tool.' } : {};
  if (text === 'weather?')
    return {
      ...thinking,
      toolCalls: [{ id: 'toolu_stream', name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' }],
      usage: { promptTokens: 20, completionTokens: 9 },
    };
  if (text === '<tool result>') return { content: 'It is 18 degrees.', usage: { promptTokens: 30, completionTokens: 5 } };
  if (text === 'count to five') return { content: 'one two three', stopSequence: 'four', usage: { promptTokens: 6, completionTokens: 3 } };
  if (text === 'cached') return { content: 'From the cache.', usage: { promptTokens: 1000, completionTokens: 10, cachedTokens: 600, cacheWriteTokens: 300 } };
  return { ...thinking, content: 'A small picture.', usage: { promptTokens: 12, completionTokens: 4 } };
}

const receivedBody = (world: MessagesGateway, upstream: Upstream): Body => world.receivedBody(upstream) as Body;

/** Answers the first turn's tool call with a result, sending that turn back whole (thinking included). */
async function answerToolCall(
  client: Anthropic,
  model: string,
  request: { max_tokens: number; thinking: Anthropic.ThinkingConfigParam },
  first: Anthropic.Message,
): Promise<Anthropic.Message> {
  const call = first.content.find((entry) => entry.type === 'tool_use');
  assert.ok(call !== undefined && call.type === 'tool_use', JSON.stringify(first.content));
  return client.messages.create({
    model,
    ...request,
    tools: TOOLS,
    messages: [
      { role: 'user', content: 'weather?' },
      { role: 'assistant', content: first.content },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: '18C' }] },
    ],
  });
}

describe('/v1/messages content across deployments', () => {
  let world: MessagesGateway;
  before(async () => {
    world = await startMessagesGateway(reply);
  });
  after(async () => {
    await world.close();
  });

  for (const upstream of ALL) {
    it(`streams a tool call as input_json_delta events on ${upstream}`, async () => {
      const stream = world
        .client(MESSAGES_MASTER_KEY)
        .messages.stream({ model: MODELS[upstream], max_tokens: 64, tools: TOOLS, messages: [{ role: 'user', content: 'weather?' }] });
      const deltas: string[] = [];
      const types: string[] = [];
      stream.on('streamEvent', (event) => {
        types.push(event.type);
        if (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta') deltas.push(event.delta.partial_json);
      });
      const final = await stream.finalMessage();
      assert.ok(deltas.length > 0, 'input_json_delta events');
      assert.equal(types[0], 'message_start');
      assert.deepEqual(types.slice(-2), ['message_delta', 'message_stop']);
      assert.ok(types.includes('content_block_start') && types.includes('content_block_stop'), types.join(' '));
      assert.deepEqual(JSON.parse(deltas.join('')), { city: 'Paris', unit: 'celsius' });
      assert.equal(final.stop_reason, 'tool_use');
      const call = final.content.find((block) => block.type === 'tool_use');
      assert.ok(call !== undefined && call.type === 'tool_use');
      assert.equal(call.name, 'get_weather');
      assert.deepEqual(call.input, { city: 'Paris', unit: 'celsius' });
    });

    it(`carries a base64 image on ${upstream}`, async () => {
      const content = [
        { type: 'image' as const, source: { type: 'base64' as const, media_type: 'image/png' as const, data: PNG } },
        { type: 'text' as const, text: 'what is this?' },
      ];
      const message = await world.client(MESSAGES_MASTER_KEY).messages.create({ model: MODELS[upstream], max_tokens: 64, messages: [{ role: 'user', content }] });
      assert.deepEqual(
        message.content.map((block) => (block.type === 'text' ? block.text : block.type)),
        ['A small picture.'],
      );
      if (upstream === 'openai') {
        const sent = world.lastRequest('openai').json as { messages: Array<{ content: unknown }> };
        assert.deepEqual(sent.messages.at(-1)?.content, [
          { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } },
          { type: 'text', text: 'what is this?' },
        ]);
      } else {
        assert.deepEqual(receivedBody(world, upstream).messages, [{ role: 'user', content }]);
      }
    });

    for (const streamed of [false, true]) {
      it(`carries stop_sequences and says which one ended the turn on ${upstream}${streamed ? ' in a stream' : ''}`, async () => {
        const client = world.client(MESSAGES_MASTER_KEY);
        const request = { model: MODELS[upstream], max_tokens: 64, stop_sequences: ['four'], messages: [{ role: 'user' as const, content: 'count to five' }] };
        const message = streamed ? await client.messages.stream(request).finalMessage() : await client.messages.create(request);
        assert.deepEqual(
          message.content.map((block) => (block.type === 'text' ? block.text : block.type)),
          ['one two three'],
        );
        if (upstream === 'openai') {
          // OpenAI cuts the sequence and says only "stop": the turn cannot be told from a natural end.
          assert.deepEqual((world.lastRequest('openai').json as Body)['stop'], ['four']);
          assert.equal(message.stop_reason, 'end_turn');
        } else {
          assert.deepEqual(receivedBody(world, upstream)['stop_sequences'], ['four']);
          assert.equal(message.stop_reason, 'stop_sequence');
          assert.equal(message.stop_sequence, 'four');
        }
      });
    }
  }

  it('carries a URL image to Anthropic unchanged and to OpenAI as an image_url', async () => {
    const content = [
      { type: 'image' as const, source: { type: 'url' as const, url: 'https://example.com/cat.png' } },
      { type: 'text' as const, text: 'what is this?' },
    ];
    for (const upstream of ['anthropic', 'openai'] as const) {
      await world.client(MESSAGES_MASTER_KEY).messages.create({ model: MODELS[upstream], max_tokens: 64, messages: [{ role: 'user', content }] });
    }
    assert.deepEqual(receivedBody(world, 'anthropic').messages, [{ role: 'user', content }]);
    const sent = world.lastRequest('openai').json as { messages: Array<{ content: unknown }> };
    assert.deepEqual(sent.messages.at(-1)?.content, [
      { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
      { type: 'text', text: 'what is this?' },
    ]);
  });

  for (const upstream of NATIVE) {
    it(`passes thinking through and returns signed thinking blocks, streamed and back again, on ${upstream}`, async () => {
      const client = world.client(MESSAGES_MASTER_KEY);
      const thinking = { type: 'enabled' as const, budget_tokens: 1024 };
      const stream = client.messages.stream({ model: MODELS[upstream], max_tokens: 2048, thinking, tools: TOOLS, messages: [{ role: 'user', content: 'weather?' }] });
      let streamedThinking = '';
      stream.on('thinking', (delta) => (streamedThinking += delta));
      const first = await stream.finalMessage();
      assert.deepEqual(receivedBody(world, upstream)['thinking'], thinking);
      const block = first.content[0];
      assert.ok(block !== undefined && block.type === 'thinking', JSON.stringify(first.content));
      assert.equal(block.thinking, 'The user wants the weather; call the tool.');
      assert.equal(streamedThinking, block.thinking);
      assert.ok(block.signature.length > 0, 'a signature');
      // The fake checks the signature as Claude does: a block altered on its way back is a 400.
      const second = await answerToolCall(client, MODELS[upstream], { max_tokens: 2048, thinking }, first);
      assert.equal(second.stop_reason, 'end_turn');
      assert.deepEqual(receivedBody(world, upstream).messages?.[1]?.content, first.content);
    });

    for (const streamed of [false, true]) {
      it(`reads cache read and write tokens from ${upstream}${streamed ? ' in a stream' : ''} and prices them on the spend row`, async () => {
        const created = await world.admin.post('/key/generate', { models: [MODELS[upstream]] });
        const key = String(created.body['key']);
        const system = [{ type: 'text' as const, text: 'A long shared preamble.', cache_control: { type: 'ephemeral' as const } }];
        const request = { model: MODELS[upstream], max_tokens: 64, system, messages: [{ role: 'user' as const, content: 'cached' }] };
        const client = world.client(key);
        const message = streamed ? await client.messages.stream(request).finalMessage() : await client.messages.create(request);
        assert.deepEqual(receivedBody(world, upstream)['system'], system);
        assert.equal(message.usage.input_tokens, 100);
        assert.equal(message.usage.cache_read_input_tokens, 600);
        assert.equal(message.usage.cache_creation_input_tokens, 300);
        const rows = await waitForSpendRows(world.admin, key, 1);
        assert.equal(rows.length, 1, JSON.stringify(rows));
        const price = PRICES[upstream];
        assert.ok(price !== undefined);
        const expected = 100 * price.input + 600 * price.read + 300 * price.write + 10 * price.output;
        assert.ok(Math.abs((rows[0]?.spend ?? 0) - expected) < 1e-9, `spend ${rows[0]?.spend}, expected ${expected}`);
      });
    }
  }

  it('sends thinking to OpenAI as reasoning_effort', async () => {
    await world
      .client(MESSAGES_MASTER_KEY)
      .messages.create({ model: MODELS.openai, max_tokens: 4096, thinking: { type: 'enabled', budget_tokens: 2048 }, messages: [{ role: 'user', content: 'hi' }] });
    assert.equal((world.lastRequest('openai').json as Body)['reasoning_effort'], 'low');
  });
});

// OpenAI itself returns no reasoning text; the OpenAI-compatible servers behind `openai/` with an
// api_base (vLLM and the like) send it under `reasoning`, which must come back as a thinking block.
describe('/v1/messages thinking on an OpenAI-compatible server that returns reasoning', () => {
  let upstream: FakeServer;
  let gateway: TestGateway;
  let client: Anthropic;
  before(async () => {
    upstream = await startFakeOpenAIUpstream({ apiKey: 'sk-vllm', reply, reasoningField: 'reasoning' });
    gateway = await startTestGateway({
      model_list: [{ model_name: 'reasoner', litellm_params: { model: 'openai/qwen3-32b', api_base: `${upstream.url}/v1`, api_key: 'sk-vllm' } }],
      general_settings: { master_key: MESSAGES_MASTER_KEY },
    });
    client = new Anthropic({ apiKey: MESSAGES_MASTER_KEY, baseURL: gateway.url, maxRetries: 0 });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  it('returns the reasoning as a thinking block, streamed as thinking_delta, and takes it back in a tool loop', async () => {
    const thinking = { type: 'enabled' as const, budget_tokens: 8192 };
    const stream = client.messages.stream({ model: 'reasoner', max_tokens: 16000, thinking, tools: TOOLS, messages: [{ role: 'user', content: 'weather?' }] });
    let streamed = '';
    stream.on('thinking', (delta) => (streamed += delta));
    const first = await stream.finalMessage();
    assert.equal((upstream.requests.at(-1)?.json as Body)['reasoning_effort'], 'medium');
    const block = first.content[0];
    assert.ok(block !== undefined && block.type === 'thinking', JSON.stringify(first.content));
    assert.equal(block.thinking, 'The user wants the weather; call the tool.');
    assert.equal(streamed, block.thinking);
    const second = await answerToolCall(client, 'reasoner', { max_tokens: 16000, thinking }, first);
    assert.deepEqual(
      second.content.map((entry) => (entry.type === 'text' ? entry.text : entry.type)),
      ['It is 18 degrees.'],
    );
    const sent = upstream.requests.at(-1)?.json as { messages: Array<{ role: string; tool_calls?: Array<{ id: string }> }> };
    assert.deepEqual(
      sent.messages.map((entry) => entry.role),
      ['user', 'assistant', 'tool'],
    );
    assert.equal(sent.messages[1]?.tool_calls?.[0]?.id, first.content.find((entry) => entry.type === 'tool_use')?.id);
  });

  it('returns non-streamed reasoning as a thinking block first', async () => {
    const message = await client.messages.create({
      model: 'reasoner',
      max_tokens: 4096,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      messages: [{ role: 'user', content: 'hi' }],
    });
    assert.deepEqual(
      message.content.map((entry) => entry.type),
      ['thinking', 'text'],
    );
    assert.equal(message.content[0]?.type === 'thinking' ? message.content[0].thinking : '', 'The user wants the weather; call the tool.');
  });
});
