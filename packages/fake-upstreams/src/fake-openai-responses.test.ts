// The fake OpenAI upstream's Responses API must be faithful: the official `openai` client
// drives it here (responses.create and responses.stream), and anything it misreads fails.

import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import type { FakeChatReply } from './fake-chat-reply.js';
import { startFakeOpenAIUpstream } from './fake-openai-upstream.js';
import type { FakeServer } from './start-fake-server.js';

describe('fake OpenAI upstream: the Responses API, driven by the official client', () => {
  let fake: FakeServer;
  let client: OpenAI;
  let nextReply: FakeChatReply | undefined;

  before(async () => {
    fake = await startFakeOpenAIUpstream({ apiKey: 'sk-fake', reply: () => nextReply ?? { content: 'Hello from the fake' } });
    client = new OpenAI({ apiKey: 'sk-fake', baseURL: `${fake.url}/v1`, maxRetries: 0 });
  });
  after(() => fake.close());

  it('answers responses.create with text and usage, echoing the request settings', async () => {
    nextReply = { content: 'Hello there friend', usage: { promptTokens: 12, completionTokens: 3, cachedTokens: 2 } };
    const response = await client.responses.create({ model: 'gpt-4o-mini', input: 'hi', instructions: 'Be brief.', max_output_tokens: 40 });
    assert.equal(response.object, 'response');
    assert.equal(response.status, 'completed');
    assert.equal(response.output_text, 'Hello there friend');
    assert.equal(response.instructions, 'Be brief.');
    assert.equal(response.max_output_tokens, 40);
    assert.deepEqual(response.usage, {
      input_tokens: 12,
      input_tokens_details: { cached_tokens: 2 },
      output_tokens: 3,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 15,
    });
    assert.deepEqual(fake.requests.at(-1)?.json, { model: 'gpt-4o-mini', input: 'hi', instructions: 'Be brief.', max_output_tokens: 40 });
  });

  it('streams reasoning, text and a tool call that responses.stream accumulates', async () => {
    nextReply = { reasoning: 'Check the weather.', content: 'Let me look.', toolCalls: [{ id: 'call_1', name: 'weather', arguments: '{"city":"Paris"}' }], finish: 'tool_calls' };
    const deltas: string[] = [];
    const stream = client.responses.stream({ model: 'gpt-4o-mini', input: 'weather?' });
    stream.on('response.output_text.delta', (event) => deltas.push(event.delta));
    const response = await stream.finalResponse();
    assert.equal(deltas.join(''), 'Let me look.');
    assert.ok(deltas.length > 1);
    assert.deepEqual(
      response.output.map((item) => item.type),
      ['reasoning', 'message', 'function_call'],
    );
    const call = response.output[2];
    assert.ok(call?.type === 'function_call');
    assert.deepEqual([call.call_id, call.name, call.arguments], ['call_1', 'weather', '{"city":"Paris"}']);
    assert.equal(response.usage?.total_tokens, 21);
  });

  it('says incomplete when cut at the token limit, and fails a stream with response.failed', async () => {
    nextReply = { content: 'Hel', finish: 'length' };
    const cut = await client.responses.create({ model: 'gpt-4o-mini', input: 'hi' });
    assert.equal(cut.status, 'incomplete');
    assert.deepEqual(cut.incomplete_details, { reason: 'max_output_tokens' });
    nextReply = { content: 'one two three four', failAfterChunks: 2 };
    const failed = await client.responses.stream({ model: 'gpt-4o-mini', input: 'hi' }).finalResponse();
    assert.equal(failed.status, 'failed');
    assert.equal(failed.error?.code, 'server_error');
  });

  it('refuses a body without input, and a bad key, in OpenAI error shape', async () => {
    await assert.rejects(
      client.responses.create({ model: 'gpt-4o-mini' } as OpenAI.Responses.ResponseCreateParamsNonStreaming),
      (error: unknown) => error instanceof OpenAI.BadRequestError,
    );
    const stranger = new OpenAI({ apiKey: 'sk-wrong-key-000000', baseURL: `${fake.url}/v1`, maxRetries: 0 });
    await assert.rejects(stranger.responses.create({ model: 'gpt-4o-mini', input: 'hi' }), (error: unknown) => error instanceof OpenAI.AuthenticationError);
  });
});
