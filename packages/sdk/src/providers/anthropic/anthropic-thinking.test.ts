// Extended thinking across a tool loop, through the public completion() against the fake
// Anthropic upstream, which refuses what Claude refuses: a tool loop continued without its
// thinking blocks, and blocks changed on their way back.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { sealFakeRedactedThinking, signFakeThinking, startFakeAnthropicUpstream, type FakeChatReply, type RecordedRequest } from '@llmux/fake-upstreams';
import { BadRequestError, completion, type AssistantMessage, type ChatMessage, type CompletionParams, type ThinkingBlock } from '../../index.js';
import { collectStream, rebuildThinkingBlocks } from '../__fixtures__/collect-stream.js';
import { useFakeServer } from '../__fixtures__/use-fake-upstream.js';

const API_KEY = 'sk-ant-test-0123456789';
const MODEL = 'claude-test-1';
const WEATHER_TOOL = {
  type: 'function',
  function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
} as const;
const QUESTION: ChatMessage = { role: 'user', content: 'Weather in Paris?' };
const THINKING = 'The user wants the weather; call the tool.';
const HIDDEN = 'Reasoning the safety systems flagged.';
const EXPECTED_BLOCKS: ThinkingBlock[] = [
  { type: 'thinking', thinking: THINKING, signature: signFakeThinking(THINKING) },
  { type: 'redacted_thinking', data: sealFakeRedactedThinking(HIDDEN) },
];

/** Claude thinks and calls the tool; once the tool result is in, it answers. */
function replyTo(request: RecordedRequest): FakeChatReply {
  const body = request.json as { messages: Array<{ content: Array<{ type: string }> }> };
  const hasResult = body.messages.at(-1)?.content.some((block) => block.type === 'tool_result') === true;
  if (hasResult) return { reasoning: 'The tool answered.', content: 'It is 18°C in Paris.' };
  return { reasoning: THINKING, redactedReasoning: HIDDEN, toolCalls: [{ id: 'toolu_paris', name: 'get_weather', arguments: '{"city":"Paris"}' }] };
}

function toolResult(assistant: AssistantMessage): ChatMessage[] {
  return [QUESTION, assistant, { role: 'tool', tool_call_id: 'toolu_paris', content: '18°C, sunny' }];
}

describe('anthropic extended thinking through completion()', () => {
  const upstream = useFakeServer(() => startFakeAnthropicUpstream({ apiKey: API_KEY, reply: replyTo }));

  const base = (messages: ChatMessage[]): CompletionParams => ({
    model: `anthropic/${MODEL}`,
    api_base: upstream.fake.url,
    api_key: API_KEY,
    http_client: upstream.http,
    max_tokens: 4000,
    reasoning_effort: 'low',
    tools: [WEATHER_TOOL],
    messages,
  });
  const call = (messages: ChatMessage[]) => completion({ ...base(messages), stream: false });
  const stream = async (messages: ChatMessage[]) => collectStream(await completion({ ...base(messages), stream: true }));
  const lastAssistantContent = () => (upstream.fake.requests.at(-1)?.json as { messages: Array<{ role: string; content: unknown }> }).messages[1]?.content;

  it('returns thinking_blocks in the order Claude sent them, signatures included', async () => {
    const message = (await call([QUESTION])).choices[0]?.message;
    assert.equal(message?.reasoning_content, THINKING);
    assert.deepEqual(message?.thinking_blocks, EXPECTED_BLOCKS);
    assert.equal(message?.tool_calls?.[0]?.id, 'toolu_paris');
  });

  it('streams thinking_blocks fragments that add up to the same blocks', async () => {
    const chunks = await stream([QUESTION]);
    assert.deepEqual(rebuildThinkingBlocks(chunks), EXPECTED_BLOCKS);
    const reasoning = chunks.map((chunk) => chunk.choices[0]?.delta.reasoning_content ?? '').join('');
    assert.equal(reasoning, THINKING);
  });

  it('continues the tool loop when the reply goes back as it came, thinking blocks first', async () => {
    const first = (await call([QUESTION])).choices[0]?.message;
    assert.ok(first !== undefined);
    const second = await call(toolResult(first));
    assert.equal(second.choices[0]?.message.content, 'It is 18°C in Paris.');
    assert.deepEqual(lastAssistantContent(), [...EXPECTED_BLOCKS, { type: 'tool_use', id: 'toolu_paris', name: 'get_weather', input: { city: 'Paris' } }]);
  });

  it('continues the tool loop from a message rebuilt out of a stream', async () => {
    const chunks = await stream([QUESTION]);
    const calls = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    const rebuilt: AssistantMessage = {
      role: 'assistant',
      content: null,
      tool_calls: [{ id: calls[0]?.id ?? '', type: 'function', function: { name: 'get_weather', arguments: calls.map((call) => call.function?.arguments ?? '').join('') } }],
      thinking_blocks: rebuildThinkingBlocks(chunks),
    };
    const reply = await stream(toolResult(rebuilt));
    assert.equal(reply.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), 'It is 18°C in Paris.');
  });

  it("gets Anthropic's 400 when the tool loop goes on without the thinking blocks, or with one changed", async () => {
    const first = (await call([QUESTION])).choices[0]?.message;
    assert.ok(first !== undefined);
    const { thinking_blocks: _dropped, ...withoutThinking } = first;
    await assert.rejects(
      call(toolResult(withoutThinking)),
      (error: unknown) => error instanceof BadRequestError && /Expected `thinking` or `redacted_thinking`, but found `tool_use`/.test(error.message),
    );
    const edited = EXPECTED_BLOCKS.map((block) => (block.type === 'thinking' ? { ...block, thinking: `${block.thinking} ` } : block));
    await assert.rejects(
      call(toolResult({ ...first, thinking_blocks: edited })),
      (error: unknown) => error instanceof BadRequestError && /Invalid `signature` in `thinking` block/.test(error.message),
    );
  });

  it('sends only the fields Anthropic takes, and rejects a malformed block before sending', async () => {
    const first = (await call([QUESTION])).choices[0]?.message;
    assert.ok(first !== undefined);
    // A client that rebuilt the blocks from a stream may have kept the fragment index.
    const indexed = (first.thinking_blocks ?? []).map((block, index) => ({ ...block, index }));
    await call(toolResult({ ...first, thinking_blocks: indexed }));
    assert.deepEqual((lastAssistantContent() as unknown[]).slice(0, 2), EXPECTED_BLOCKS);

    const sent = upstream.fake.requests.length;
    // A thinking block without its signature: the malformed input the types would not let us build.
    const malformed = { ...first, thinking_blocks: [{ type: 'thinking', thinking: THINKING }] } as unknown as AssistantMessage;
    await assert.rejects(call(toolResult(malformed)), (error: unknown) => error instanceof BadRequestError && error.param === 'messages[1].thinking_blocks[0]');
    assert.equal(upstream.fake.requests.length, sent);
  });
});
