// Proves the fake Anthropic upstream thinks as Claude does, as the official @anthropic-ai/sdk
// sees it: signed thinking and redacted_thinking blocks, plain and streamed, and the 400s
// for a tool loop continued without its thinking blocks or with a changed one.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import type { FakeChatReply } from './fake-chat-reply.js';
import { startFakeAnthropicUpstream } from './fake-anthropic-upstream.js';
import type { RecordedRequest } from './start-fake-server.js';
import { useFakeAndClient } from './__fixtures__/use-fake-and-client.js';

const API_KEY = 'sk-ant-fake-test-key';
const MODEL = 'claude-fake-4';
const THINKING = { type: 'enabled', budget_tokens: 1024 } as const;
const TOOLS = [{ name: 'get_weather', input_schema: { type: 'object' as const, properties: { city: { type: 'string' } } } }];
const QUESTION: Anthropic.MessageParam = { role: 'user', content: 'weather' };

/** Thinks and calls the tool; answers once the tool result is in. */
function replyTo(request: RecordedRequest): FakeChatReply {
  const body = request.json as { messages: Array<{ content: string | Array<{ type: string }> }> };
  const last = body.messages.at(-1)?.content;
  if (Array.isArray(last) && last.some((block) => block.type === 'tool_result')) return { content: '18°C' };
  return { reasoning: 'Call the tool.', redactedReasoning: 'hidden', toolCalls: [{ id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Paris"}' }] };
}

const toolResult: Anthropic.MessageParam = { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '18°C' }] };

describe('fake Anthropic upstream thinking, driven by @anthropic-ai/sdk', () => {
  const suite = useFakeAndClient(
    () => startFakeAnthropicUpstream({ apiKey: API_KEY, reply: replyTo }),
    (fake) => new Anthropic({ apiKey: API_KEY, baseURL: fake.url, maxRetries: 0 }),
  );

  const create = (messages: Anthropic.MessageParam[]) => suite.client.messages.create({ model: MODEL, max_tokens: 2048, thinking: THINKING, tools: TOOLS, messages });

  it('answers with signed thinking, then redacted_thinking, then tool_use', async () => {
    const message = await create([QUESTION]);
    assert.deepEqual(
      message.content.map((block) => block.type),
      ['thinking', 'redacted_thinking', 'tool_use'],
    );
    const [thinking, redacted] = message.content;
    assert.ok(thinking?.type === 'thinking' && thinking.thinking === 'Call the tool.' && thinking.signature.length > 0);
    assert.ok(redacted?.type === 'redacted_thinking' && redacted.data.length > 0);
  });

  it('streams the same blocks, which messages.stream() accumulates with their signature', async () => {
    const created = await create([QUESTION]);
    const streamed = await suite.client.messages.stream({ model: MODEL, max_tokens: 2048, thinking: THINKING, tools: TOOLS, messages: [QUESTION] }).finalMessage();
    assert.deepEqual(streamed.content, created.content);
  });

  it('continues a tool loop that sends the thinking blocks back', async () => {
    const first = await create([QUESTION]);
    const second = await create([QUESTION, { role: 'assistant', content: first.content }, toolResult]);
    assert.deepEqual(second.content, [{ type: 'text', text: '18°C' }]);
  });

  it('refuses a tool loop without its thinking blocks, as the API does', async () => {
    const first = await create([QUESTION]);
    const toolUse = first.content.filter((block) => block.type === 'tool_use');
    await assert.rejects(
      create([QUESTION, { role: 'assistant', content: toolUse }, toolResult]),
      (error: unknown) =>
        error instanceof Anthropic.BadRequestError &&
        error.message.includes('messages.1.content.0.type: Expected `thinking` or `redacted_thinking`, but found `tool_use`. When `thinking` is enabled'),
    );
    // Without thinking, the same history is fine.
    const plain = await suite.client.messages.create({ model: MODEL, max_tokens: 64, tools: TOOLS, messages: [QUESTION, { role: 'assistant', content: toolUse }, toolResult] });
    assert.equal(plain.stop_reason, 'end_turn');
  });

  it('refuses thinking blocks changed on the way back, or put after other blocks', async () => {
    const first = await create([QUESTION]);
    const [thinking, redacted, toolUse] = first.content;
    assert.ok(thinking?.type === 'thinking' && redacted?.type === 'redacted_thinking' && toolUse !== undefined);
    const cases: Array<[Anthropic.ContentBlockParam[], string]> = [
      [[{ ...thinking, thinking: 'Edited.' }, redacted, toolUse], 'messages.1.content.0: Invalid `signature` in `thinking` block'],
      [[thinking, { ...redacted, data: 'bm90LWZha2U=' }, toolUse], 'messages.1.content.1: Invalid `data` in `redacted_thinking` block'],
      [
        [toolUse, thinking, redacted],
        'messages.1.content.0: If an assistant message contains any thinking blocks, the first block must be thinking or redacted_thinking. Found tool_use.',
      ],
    ];
    for (const [content, message] of cases) {
      await assert.rejects(
        create([QUESTION, { role: 'assistant', content }, toolResult]),
        (error: unknown) => error instanceof Anthropic.BadRequestError && error.message.includes(message),
      );
    }
  });
});
