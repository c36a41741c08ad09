// /v1/messages through the gateway with the official @anthropic-ai/sdk, for each kind of
// deployment: Anthropic itself, Claude on Bedrock and on Vertex (passed through: the fake
// checks the body arrived as sent) and OpenAI (translated: the fake sees OpenAI's format).

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FakeChatReply, RecordedRequest } from '@llmux/fake-upstreams';
import { MESSAGES_MASTER_KEY, MODELS, startMessagesGateway, type MessagesGateway, type Upstream } from './helpers/messages-gateway.js';

const NATIVE: Upstream[] = ['anthropic', 'bedrock', 'vertex'];
const ALL: Upstream[] = [...NATIVE, 'openai'];

function lastUserText(request: RecordedRequest): string {
  const body = request.json as { messages?: Array<{ role: string; content: unknown }> };
  const last = body.messages?.at(-1);
  if (last?.role === 'tool') return '<tool result>';
  if (typeof last?.content === 'string') return last.content;
  const blocks = Array.isArray(last?.content) ? (last.content as Array<{ type?: string; text?: string }>) : [];
  if (last?.role === 'tool' || blocks.some((block) => block.type === 'tool_result')) return '<tool result>';
  return blocks.map((block) => block.text ?? '').join('');
}

function reply(request: RecordedRequest): FakeChatReply {
  const text = lastUserText(request);
  if (text === '<tool result>') return { content: 'It is 18 degrees in Paris.', usage: { promptTokens: 30, completionTokens: 8 } };
  if (text === 'weather?') return { toolCalls: [{ id: 'toolu_paris', name: 'get_weather', arguments: '{"city":"Paris"}' }], usage: { promptTokens: 20, completionTokens: 9 } };
  if (text === 'long answer') return { content: 'one two three four', finish: 'length', usage: { promptTokens: 5, completionTokens: 4 } };
  return { content: 'Hello from the upstream', usage: { promptTokens: 12, completionTokens: 5 } };
}

describe('/v1/messages across deployments', () => {
  let world: MessagesGateway;
  before(async () => {
    world = await startMessagesGateway(reply);
  });
  after(async () => {
    await world.close();
  });

  for (const upstream of ALL) {
    it(`answers messages.create on ${upstream}`, async () => {
      const client = world.client(MESSAGES_MASTER_KEY);
      const message = await client.messages.create({
        model: MODELS[upstream],
        max_tokens: 64,
        system: [{ type: 'text', text: 'You are terse.', cache_control: { type: 'ephemeral' } }],
        messages: [{ role: 'user', content: 'hi' }],
      });
      assert.equal(message.type, 'message');
      assert.equal(message.role, 'assistant');
      assert.deepEqual(
        message.content.map((block) => (block.type === 'text' ? block.text : block.type)),
        ['Hello from the upstream'],
      );
      assert.equal(message.stop_reason, 'end_turn');
      assert.equal(message.usage.output_tokens, 5);
      if (upstream === 'openai') {
        const sent = world.lastRequest('openai').json as Record<string, unknown>;
        assert.equal(sent['model'], 'gpt-4o-mini');
        assert.deepEqual(
          (sent['messages'] as Array<{ role: string }>).map((entry) => entry.role),
          ['system', 'user'],
        );
        assert.equal(sent['max_completion_tokens'], 64);
      } else {
        assert.deepEqual(world.receivedBody(upstream), {
          max_tokens: 64,
          system: [{ type: 'text', text: 'You are terse.', cache_control: { type: 'ephemeral' } }],
          messages: [{ role: 'user', content: 'hi' }],
        });
      }
    });

    it(`streams with messages.stream on ${upstream}`, async () => {
      const client = world.client(MESSAGES_MASTER_KEY);
      const stream = client.messages.stream({ model: MODELS[upstream], max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] });
      let text = '';
      stream.on('text', (delta) => (text += delta));
      const final = await stream.finalMessage();
      assert.equal(text, 'Hello from the upstream');
      assert.equal(final.stop_reason, 'end_turn');
      assert.equal(final.usage.output_tokens, 5);
    });

    it(`round-trips a tool call and its result on ${upstream}`, async () => {
      const client = world.client(MESSAGES_MASTER_KEY);
      const tools = [
        { name: 'get_weather', description: 'Weather in a city', input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] } },
      ];
      const stream = client.messages.stream({ model: MODELS[upstream], max_tokens: 64, tools, messages: [{ role: 'user', content: 'weather?' }] });
      const first = await stream.finalMessage();
      assert.equal(first.stop_reason, 'tool_use');
      const call = first.content.find((block) => block.type === 'tool_use');
      assert.ok(call !== undefined && call.type === 'tool_use');
      assert.equal(call.name, 'get_weather');
      assert.deepEqual(call.input, { city: 'Paris' });
      const second = await client.messages.create({
        model: MODELS[upstream],
        max_tokens: 64,
        tools,
        messages: [
          { role: 'user', content: 'weather?' },
          { role: 'assistant', content: first.content },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: '18C' }] },
        ],
      });
      assert.deepEqual(
        second.content.map((block) => (block.type === 'text' ? block.text : block.type)),
        ['It is 18 degrees in Paris.'],
      );
      if (upstream === 'openai') {
        const sent = world.lastRequest('openai').json as { messages: Array<{ role: string; tool_call_id?: string }> };
        assert.deepEqual(
          sent.messages.map((entry) => entry.role),
          ['user', 'assistant', 'tool'],
        );
        assert.equal(sent.messages[2]?.tool_call_id, call.id);
      }
    });

    it(`says max_tokens when the reply is cut on ${upstream}`, async () => {
      const message = await world.client(MESSAGES_MASTER_KEY).messages.create({ model: MODELS[upstream], max_tokens: 4, messages: [{ role: 'user', content: 'long answer' }] });
      assert.equal(message.stop_reason, 'max_tokens');
    });
  }

  it('counts tokens with messages.countTokens', async () => {
    const counted = await world.client(MESSAGES_MASTER_KEY).messages.countTokens({ model: MODELS.anthropic, messages: [{ role: 'user', content: 'hello there, how are you?' }] });
    assert.ok(counted.input_tokens > 0 && counted.input_tokens < 30, String(counted.input_tokens));
  });
});
