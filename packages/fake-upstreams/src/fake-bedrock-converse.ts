// Renders a FakeChatReply as Bedrock Converse wire data: the response body and the
// ConverseStream event frames, in the order and shapes of the recorded fixtures
// (reasoning, then text, then tool calls; text blocks without a start event; metadata last).

import type { FakeChatReply } from './fake-chat-reply.js';
import { awsEventFrame, type FakeAwsFrame } from './fake-aws-event-stream.js';
import { splitInThree, splitWords } from './fake-split-text.js';
import { mapFakeFinish, type FakeFinish } from './fake-finish-reason.js';

const FAKE_SIGNATURE = 'ZmFrZS1iZWRyb2NrLXNpZ25hdHVyZQ==';

type ConverseBlock =
  | { reasoningContent: { reasoningText: { text: string; signature: string } } }
  | { text: string }
  | { toolUse: { toolUseId: string; name: string; input: unknown } };

export function toConverseBlocks(reply: FakeChatReply, served: number): ConverseBlock[] {
  const blocks: ConverseBlock[] = [];
  if (reply.reasoning !== undefined) blocks.push({ reasoningContent: { reasoningText: { text: reply.reasoning, signature: FAKE_SIGNATURE } } });
  if (reply.content !== undefined && reply.content !== '') blocks.push({ text: reply.content });
  (reply.toolCalls ?? []).forEach((call, index) => {
    const input: unknown = call.arguments.trim() === '' ? {} : JSON.parse(call.arguments);
    blocks.push({ toolUse: { toolUseId: call.id ?? `tooluse_fake${String(served).padStart(6, '0')}_${index}`, name: call.name, input } });
  });
  return blocks;
}

const CONVERSE_STOP_REASONS: Readonly<Record<FakeFinish, string>> = { stop: 'end_turn', length: 'max_tokens', tool_calls: 'tool_use', content_filter: 'content_filtered' };

export function toConverseStopReason(reply: FakeChatReply): string {
  return mapFakeFinish(reply, CONVERSE_STOP_REASONS);
}

/** FakeChatReply counts prompt tokens the OpenAI way; Bedrock's inputTokens excludes cache reads and writes. */
export function toConverseUsage(reply: FakeChatReply): Record<string, number> {
  const usage = reply.usage ?? { promptTokens: 10, completionTokens: 5 };
  const cacheRead = usage.cachedTokens ?? 0;
  const cacheWrite = usage.cacheWriteTokens ?? 0;
  const inputTokens = Math.max(0, usage.promptTokens - cacheRead - cacheWrite);
  return {
    inputTokens,
    outputTokens: usage.completionTokens,
    totalTokens: inputTokens + usage.completionTokens + cacheRead + cacheWrite,
    cacheReadInputTokens: cacheRead,
    cacheReadInputTokenCount: cacheRead,
    cacheWriteInputTokens: cacheWrite,
    cacheWriteInputTokenCount: cacheWrite,
  };
}

export function createFakeConverseResponse(reply: FakeChatReply, served: number): Record<string, unknown> {
  return {
    metrics: { latencyMs: 321 },
    output: { message: { content: toConverseBlocks(reply, served), role: 'assistant' } },
    stopReason: toConverseStopReason(reply),
    usage: toConverseUsage(reply),
  };
}

export function createFakeConverseFrames(reply: FakeChatReply, served: number): FakeAwsFrame[] {
  const frames: FakeAwsFrame[] = [awsEventFrame('messageStart', { role: 'assistant' })];
  toConverseBlocks(reply, served).forEach((block, contentBlockIndex) => {
    const delta = (payload: Record<string, unknown>): FakeAwsFrame => awsEventFrame('contentBlockDelta', { contentBlockIndex, delta: payload }, true);
    if ('reasoningContent' in block) {
      const { text, signature } = block.reasoningContent.reasoningText;
      for (const piece of splitWords(text)) frames.push(delta({ reasoningContent: { text: piece } }));
      frames.push(awsEventFrame('contentBlockDelta', { contentBlockIndex, delta: { reasoningContent: { signature } } }));
    } else if ('text' in block) {
      for (const piece of splitWords(block.text)) frames.push(delta({ text: piece }));
    } else {
      const { toolUseId, name, input } = block.toolUse;
      frames.push(awsEventFrame('contentBlockStart', { contentBlockIndex, start: { toolUse: { toolUseId, name } } }));
      for (const piece of splitInThree(JSON.stringify(input))) frames.push(delta({ toolUse: { input: piece } }));
    }
    frames.push(awsEventFrame('contentBlockStop', { contentBlockIndex }));
  });
  frames.push(awsEventFrame('messageStop', { stopReason: toConverseStopReason(reply) }));
  frames.push(awsEventFrame('metadata', { usage: toConverseUsage(reply), metrics: { latencyMs: 321 } }));
  return frames;
}
