// Cohere deployments behind the gateway, end to end with the official `openai` client: a
// fake Cohere v2 API on port 0, the key from an os.environ/ reference and input_type from
// litellm_params, exactly as a LiteLLM config names them.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeCohereUpstream, type FakeChatReply, type FakeServer, type RecordedRequest } from '@llmux/fake-upstreams';
import OpenAI from 'openai';
import { FakeFleet } from './helpers/fake-fleet.js';
import { readChatStream } from './helpers/read-chat-stream.js';

const MASTER_KEY = 'sk-master-cohere';
const COHERE_KEY = 'co-upstream-secret-4242';

function replyFor(request: RecordedRequest): FakeChatReply {
  const body = request.json as { messages: Array<{ role: string; content: unknown }> };
  const last = body.messages.at(-1);
  if (last?.role === 'tool') return { content: 'Sales were 10,000 units.' };
  if (last?.content === 'sales?') {
    return {
      reasoning: 'I will query the sales report.',
      toolCalls: [{ id: 'query_daily_sales_report_hgxxmkby3wta', name: 'query_daily_sales_report', arguments: '{"day": "2023-09-29"}' }],
    };
  }
  if (last?.content === 'too long')
    return { error: { status: 400, body: { message: 'too many tokens: total number of tokens in the prompt cannot exceed 4081 - received 5000' } } };
  return { content: 'Hello from Cohere', usage: { promptTokens: 12, completionTokens: 4 } };
}

describe('gateway with Cohere deployments', () => {
  const fleet = new FakeFleet();
  let cohere: FakeServer;
  let client: OpenAI;

  before(async () => {
    cohere = fleet.started(await startFakeCohereUpstream({ apiKey: COHERE_KEY, reply: replyFor }));
    const params = { api_base: cohere.url, api_key: 'os.environ/LLMUX_E2E_COHERE_KEY' };
    await fleet.startGateway(
      {
        command: { model: 'cohere/command-a-03-2025', ...params },
        'cohere-embed': { model: 'cohere/embed-v4.0', input_type: 'search_query', ...params },
      },
      MASTER_KEY,
      { ...process.env, LLMUX_E2E_COHERE_KEY: COHERE_KEY },
    );
    client = fleet.openAIClient(MASTER_KEY);
  });
  after(() => fleet.close());

  it('chats through /v2/chat with the bearer key', async () => {
    const completion = await client.chat.completions.create({ model: 'command', messages: [{ role: 'user', content: 'hi' }], temperature: 0.2 });
    assert.equal(completion.choices[0]?.message.content, 'Hello from Cohere');
    assert.equal(completion.choices[0]?.finish_reason, 'stop');
    assert.deepEqual(completion.usage, { prompt_tokens: 12, completion_tokens: 4, total_tokens: 16 });
    const sent = cohere.requests.at(-1);
    assert.equal(sent?.url, '/v2/chat');
    assert.equal(sent?.headers.authorization, `Bearer ${COHERE_KEY}`);
    assert.deepEqual(sent?.json, { model: 'command-a-03-2025', messages: [{ role: 'user', content: 'hi' }], stream: false, temperature: 0.2 });
  });

  it('streams Cohere events as OpenAI SSE, with usage when asked', async () => {
    const stream = await client.chat.completions.create({ model: 'command', messages: [{ role: 'user', content: 'hi' }], stream: true, stream_options: { include_usage: true } });
    const { text, usage, chunks } = await readChatStream(stream);
    assert.ok(chunks > 3);
    assert.equal(text, 'Hello from Cohere');
    assert.deepEqual(usage, { prompt_tokens: 12, completion_tokens: 4, total_tokens: 16 });
  });

  it('round-trips tools, with the tool plan sent back as tool_plan', async () => {
    const tools: OpenAI.ChatCompletionTool[] = [
      { type: 'function', function: { name: 'query_daily_sales_report', parameters: { type: 'object', properties: { day: { type: 'string' } } } } },
    ];
    const first = await client.chat.completions.create({ model: 'command', messages: [{ role: 'user', content: 'sales?' }], tools });
    const message = first.choices[0]?.message;
    const call = message?.tool_calls?.[0];
    assert.ok(call !== undefined && call.type === 'function');
    assert.equal(call.id, 'query_daily_sales_report_hgxxmkby3wta');
    assert.equal(call.function.arguments, '{"day": "2023-09-29"}');
    assert.equal(first.choices[0]?.finish_reason, 'tool_calls');
    // `reasoning_content` is not in the openai client's types.
    const reasoning = (message as unknown as { reasoning_content?: string }).reasoning_content;
    assert.equal(reasoning, 'I will query the sales report.');

    const assistant = { role: 'assistant', content: null, tool_calls: [call], reasoning_content: reasoning } as OpenAI.ChatCompletionAssistantMessageParam;
    const second = await client.chat.completions.create({
      model: 'command',
      tools,
      messages: [{ role: 'user', content: 'sales?' }, assistant, { role: 'tool', tool_call_id: call.id, content: '{"units": 10000}' }],
    });
    assert.equal(second.choices[0]?.message.content, 'Sales were 10,000 units.');
    const sent = cohere.requests.at(-1)?.json as { messages: unknown[] };
    assert.deepEqual(sent.messages.slice(1), [
      {
        role: 'assistant',
        tool_calls: [{ id: call.id, type: 'function', function: { name: 'query_daily_sales_report', arguments: '{"day": "2023-09-29"}' } }],
        tool_plan: 'I will query the sales report.',
      },
      { role: 'tool', tool_call_id: call.id, content: '{"units": 10000}' },
    ]);
  });

  it('embeds through /v2/embed with input_type from litellm_params', async () => {
    const response = await client.embeddings.create({ model: 'cohere-embed', input: 'hello world' });
    assert.equal(response.data.length, 1);
    assert.equal(response.data[0]?.embedding.length, 8);
    assert.equal(response.usage.prompt_tokens, 2);
    assert.deepEqual(cohere.requests.at(-1)?.json, { model: 'embed-v4.0', texts: ['hello world'], input_type: 'search_query', embedding_types: ['float'] });
  });

  it('answers a prompt that is too long with a context-window error', async () => {
    await assert.rejects(client.chat.completions.create({ model: 'command', messages: [{ role: 'user', content: 'too long' }] }), (error: unknown) => {
      return error instanceof OpenAI.BadRequestError && error.code === 'context_length_exceeded';
    });
  });
});
