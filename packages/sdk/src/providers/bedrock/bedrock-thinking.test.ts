// Claude's extended thinking across a tool loop on Bedrock, through the public completion()
// against the fake Bedrock Runtime: reasoningContent (signed text or redacted bytes) comes
// back as thinking_blocks and goes out again first in its turn, on Converse and InvokeModel.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { sealFakeRedactedThinking, signFakeThinking, startFakeBedrockUpstream, type FakeChatReply, type RecordedRequest } from '@llmux/fake-upstreams';
import { BadRequestError, completion, type AssistantMessage, type ChatMessage, type ThinkingBlock } from '../../index.js';
import { collectStream, rebuildThinkingBlocks } from '../__fixtures__/collect-stream.js';
import { useFakeServer } from '../__fixtures__/use-fake-upstream.js';

const REGION = 'us-east-1';
const ACCESS_KEY_ID = 'AKIAFAKETHINKING0001';
const SECRET = 'fake+secret/for/thinking/tests/000000000';
const CONVERSE_MODEL = 'bedrock/us.anthropic.claude-sonnet-4-20250514-v1:0';
const INVOKE_MODEL = 'bedrock/invoke/anthropic.claude-3-7-sonnet-20250219-v1:0';
const WEATHER_TOOL = { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } } as const;
const QUESTION: ChatMessage = { role: 'user', content: 'Weather in Paris?' };
const THINKING = 'Call the weather tool.';
const HIDDEN = 'Flagged reasoning.';
const EXPECTED_BLOCKS: ThinkingBlock[] = [
  { type: 'thinking', thinking: THINKING, signature: signFakeThinking(THINKING) },
  { type: 'redacted_thinking', data: sealFakeRedactedThinking(HIDDEN) },
];

/** Claude thinks and calls the tool; once a tool result is in (on either API), it answers. */
function replyTo(request: RecordedRequest): FakeChatReply {
  const body = request.json as { messages: Array<{ content: unknown[] }> };
  if (/toolResult|tool_result/.test(String(JSON.stringify(body.messages.at(-1)?.content)))) return { content: 'Sunny.' };
  return { reasoning: THINKING, redactedReasoning: HIDDEN, toolCalls: [{ id: 'tooluse_paris', name: 'get_weather', arguments: '{"city":"Paris"}' }] };
}

function toolLoop(assistant: AssistantMessage): ChatMessage[] {
  return [QUESTION, assistant, { role: 'tool', tool_call_id: 'tooluse_paris', content: 'sunny' }];
}

describe('bedrock extended thinking through completion()', () => {
  const upstream = useFakeServer(() => startFakeBedrockUpstream({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET, region: REGION, reply: replyTo }));
  const settings = () => ({ aws_access_key_id: ACCESS_KEY_ID, aws_secret_access_key: SECRET, aws_region_name: REGION, aws_bedrock_runtime_endpoint: upstream.fake.url });
  const params = (model: string, messages: ChatMessage[]) => ({ model, messages, tools: [WEATHER_TOOL], reasoning_effort: 'low' as const, max_tokens: 4000, ...settings() });
  const call = (model: string, messages: ChatMessage[]) => completion({ ...params(model, messages), stream: false });
  const sentMessages = () => (upstream.fake.requests.at(-1)?.json as { messages: Array<{ content: unknown }> }).messages;

  it('returns reasoningContent as thinking_blocks, plain and streamed', async () => {
    const message = (await call(CONVERSE_MODEL, [QUESTION])).choices[0]?.message;
    assert.equal(message?.reasoning_content, THINKING);
    assert.deepEqual(message?.thinking_blocks, EXPECTED_BLOCKS);

    const chunks = await collectStream(await completion({ ...params(CONVERSE_MODEL, [QUESTION]), stream: true }));
    assert.deepEqual(rebuildThinkingBlocks(chunks), EXPECTED_BLOCKS);
  });

  it('sends thinking_blocks back as reasoningContent first in the turn, so Converse continues the tool loop', async () => {
    const first = (await call(CONVERSE_MODEL, [QUESTION])).choices[0]?.message;
    assert.ok(first !== undefined);
    const second = await call(CONVERSE_MODEL, toolLoop(first));
    assert.equal(second.choices[0]?.message.content, 'Sunny.');
    assert.deepEqual(sentMessages()[1]?.content, [
      { reasoningContent: { reasoningText: { text: THINKING, signature: signFakeThinking(THINKING) } } },
      { reasoningContent: { redactedContent: sealFakeRedactedThinking(HIDDEN) } },
      { toolUse: { toolUseId: 'tooluse_paris', name: 'get_weather', input: { city: 'Paris' } } },
    ]);

    const { thinking_blocks: _dropped, ...withoutThinking } = first;
    await assert.rejects(
      call(CONVERSE_MODEL, toolLoop(withoutThinking)),
      (error: unknown) => error instanceof BadRequestError && /Expected `thinking` or `redacted_thinking`, but found `tool_use`/.test(error.message),
    );
  });

  it('continues the tool loop on InvokeModel through the Anthropic converters', async () => {
    const first = (await call(INVOKE_MODEL, [QUESTION])).choices[0]?.message;
    assert.deepEqual(first?.thinking_blocks, EXPECTED_BLOCKS);
    assert.ok(first !== undefined);
    const second = await call(INVOKE_MODEL, toolLoop(first));
    assert.equal(second.choices[0]?.message.content, 'Sunny.');
    assert.deepEqual((sentMessages()[1]?.content as unknown[]).slice(0, 2), EXPECTED_BLOCKS);
  });
});
