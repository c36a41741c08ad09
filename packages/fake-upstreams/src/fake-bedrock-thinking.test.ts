// Proves the fake Bedrock Runtime thinks as Claude on Converse does, as the official
// @aws-sdk/client-bedrock-runtime sees it: signed reasoningText and redactedContent bytes,
// plain and streamed, and the ValidationException for a tool loop continued without them.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ConverseCommand, ConverseStreamCommand, type ContentBlock, type ContentBlockDeltaEvent, type Message } from '@aws-sdk/client-bedrock-runtime';
import type { FakeChatReply } from './fake-chat-reply.js';
import { sealFakeRedactedThinking } from './fake-claude-thinking.js';
import { startFakeBedrockUpstream } from './fake-bedrock-upstream.js';
import type { RecordedRequest } from './start-fake-server.js';
import { useFakeBedrockRuntime } from './__fixtures__/use-fake-bedrock-runtime.js';

const REGION = 'us-west-2';
const CREDENTIALS = { accessKeyId: 'AKIAFAKEBEDROCK00002', secretAccessKey: 'fake/secret/key/for+thinking/tests00000' };
const MODEL = 'us.anthropic.claude-sonnet-4-20250514-v1:0';
const THINKING = { thinking: { type: 'enabled', budget_tokens: 1024 } };
const TOOLS = { tools: [{ toolSpec: { name: 'get_weather', inputSchema: { json: { type: 'object' } } } }] };
const QUESTION: Message = { role: 'user', content: [{ text: 'weather' }] };
const TOOL_RESULT: Message = { role: 'user', content: [{ toolResult: { toolUseId: 'tooluse_1', content: [{ text: '18°C' }] } }] };

function replyTo(request: RecordedRequest): FakeChatReply {
  const body = request.json as { messages: Array<{ content: Array<Record<string, unknown>> }> };
  if (body.messages.at(-1)?.content.some((block) => 'toolResult' in block) === true) return { content: '18°C' };
  return { reasoning: 'Call the tool.', redactedReasoning: 'hidden', toolCalls: [{ id: 'tooluse_1', name: 'get_weather', arguments: '{"city":"Paris"}' }] };
}

describe('fake Bedrock upstream thinking, driven by @aws-sdk/client-bedrock-runtime', () => {
  const suite = useFakeBedrockRuntime({ region: REGION, credentials: CREDENTIALS }, () => startFakeBedrockUpstream({ ...CREDENTIALS, region: REGION, reply: replyTo }));

  const converse = (messages: Message[]) => suite.client.send(new ConverseCommand({ modelId: MODEL, messages, toolConfig: TOOLS, additionalModelRequestFields: THINKING }));

  it('answers with signed reasoningText, then redactedContent bytes, then toolUse', async () => {
    const content = (await converse([QUESTION])).output?.message?.content ?? [];
    assert.equal(content[0]?.reasoningContent?.reasoningText?.text, 'Call the tool.');
    assert.ok((content[0]?.reasoningContent?.reasoningText?.signature ?? '').length > 0);
    const redacted = content[1]?.reasoningContent?.redactedContent;
    assert.ok(redacted instanceof Uint8Array);
    assert.equal(Buffer.from(redacted).toString('base64'), sealFakeRedactedThinking('hidden'));
    assert.equal(content[2]?.toolUse?.toolUseId, 'tooluse_1');
  });

  it('streams reasoning text, its signature and the redacted bytes as reasoningContent deltas', async () => {
    const output = await suite.client.send(new ConverseStreamCommand({ modelId: MODEL, messages: [QUESTION], toolConfig: TOOLS, additionalModelRequestFields: THINKING }));
    const deltas: ContentBlockDeltaEvent[] = [];
    for await (const event of output.stream ?? []) if (event.contentBlockDelta?.delta?.reasoningContent !== undefined) deltas.push(event.contentBlockDelta);
    assert.equal(deltas.map((delta) => delta.delta?.reasoningContent?.text ?? '').join(''), 'Call the tool.');
    assert.ok(deltas.some((delta) => delta.contentBlockIndex === 0 && (delta.delta?.reasoningContent?.signature ?? '') !== ''));
    const redacted = deltas.find((delta) => delta.contentBlockIndex === 1)?.delta?.reasoningContent?.redactedContent;
    assert.ok(redacted instanceof Uint8Array);
  });

  it('continues a tool loop with the reasoning sent back, and refuses it without, as Claude does', async () => {
    const content: ContentBlock[] = (await converse([QUESTION])).output?.message?.content ?? [];
    const second = await converse([QUESTION, { role: 'assistant', content }, TOOL_RESULT]);
    assert.deepEqual(second.output?.message?.content, [{ text: '18°C' }]);

    const toolUseOnly = content.filter((block) => block.toolUse !== undefined);
    await assert.rejects(converse([QUESTION, { role: 'assistant', content: toolUseOnly }, TOOL_RESULT]), (error: unknown) => {
      assert.ok(error instanceof Error);
      assert.equal(error.name, 'ValidationException');
      assert.match(error.message, /^The model returned the following errors: messages\.1\.content\.0\.type: Expected `thinking` or `redacted_thinking`, but found `tool_use`/);
      return true;
    });
  });
});
