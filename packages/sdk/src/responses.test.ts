// responses(): the Responses API from the SDK, passed through to an OpenAI model and bridged to
// an Anthropic one, as a Response and as a stream of events, against the fake upstreams.

import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { startFakeAnthropicUpstream, startFakeOpenAIUpstream, type FakeChatReply, type FakeServer } from '@llmux/fake-upstreams';
import { UnsupportedParamsError, responses, type ResponsesStreamEvent } from './index.js';

const REPLY: FakeChatReply = { content: 'Hello from the fake', usage: { promptTokens: 20, completionTokens: 4 } };
const TOOL_REPLY: FakeChatReply = {
  toolCalls: [{ id: 'call_1', name: 'weather', arguments: '{"city":"Paris"}' }],
  finish: 'tool_calls',
  usage: { promptTokens: 20, completionTokens: 6 },
};

describe('responses()', () => {
  let openai: FakeServer;
  let anthropic: FakeServer;
  let next: FakeChatReply | undefined;
  const targets = () => [
    { name: 'openai (passthrough)', args: { model: 'openai/gpt-5', api_key: 'sk-o', api_base: openai.url } },
    { name: 'anthropic (bridged)', args: { model: 'anthropic/claude-sonnet-4-5', api_key: 'sk-a', api_base: anthropic.url } },
  ];

  before(async () => {
    openai = await startFakeOpenAIUpstream({ apiKey: 'sk-o', reply: () => next ?? REPLY });
    anthropic = await startFakeAnthropicUpstream({ apiKey: 'sk-a', reply: () => next ?? REPLY });
  });
  after(async () => {
    await openai.close();
    await anthropic.close();
  });

  it('answers with a Response, priced, on either kind of model', async () => {
    for (const target of targets()) {
      next = undefined;
      const response = await responses({ ...target.args, instructions: 'Be brief.', input: 'hi' });
      assert.equal(response.object, 'response', target.name);
      assert.equal(response.status, 'completed');
      assert.equal(response.output_text, 'Hello from the fake');
      assert.equal(response.usage?.input_tokens, 20);
      assert.equal(response.usage?.output_tokens, 4);
      assert.ok((response.llmux.cost ?? 0) > 0, `${target.name}: cost ${response.llmux.cost}`);
    }
    assert.deepEqual(openai.requests.at(-1)?.json, { model: 'gpt-5', instructions: 'Be brief.', input: 'hi' });
  });

  it('streams the Responses events, a tool call included, with increasing sequence numbers', async () => {
    for (const target of targets()) {
      next = TOOL_REPLY;
      const events: ResponsesStreamEvent[] = [];
      for await (const event of await responses({
        ...target.args,
        input: 'weather?',
        stream: true,
        tools: [{ type: 'function', name: 'weather', parameters: { type: 'object' } }],
      }))
        events.push(event);
      assert.equal(events[0]?.type, 'response.created', target.name);
      assert.equal(events.at(-1)?.type, 'response.completed');
      for (let index = 1; index < events.length; index += 1) assert.ok((events[index]?.sequence_number ?? 0) > (events[index - 1]?.sequence_number ?? 0));
      const args = events
        .filter((event) => event.type === 'response.function_call_arguments.delta')
        .map((event) => String(event['delta']))
        .join('');
      assert.deepEqual(JSON.parse(args), { city: 'Paris' });
      const final = events.at(-1)?.['response'] as { output: Array<{ type: string; call_id?: string }>; usage: { output_tokens: number } };
      assert.equal(final.output.find((item) => item.type === 'function_call')?.call_id, 'call_1');
      assert.equal(final.usage.output_tokens, 6);
    }
  });

  it('refuses on a bridged model what it cannot carry, and passes it to OpenAI', async () => {
    next = undefined;
    const [native, bridged] = targets();
    assert.ok(native !== undefined && bridged !== undefined);
    await assert.rejects(responses({ ...bridged.args, input: 'hi', tools: [{ type: 'web_search' }] }), UnsupportedParamsError);
    assert.equal((await responses({ ...native.args, input: 'hi', tools: [{ type: 'web_search' }] })).status, 'completed');
  });
});
