// Renders a FakeChatReply as Bedrock Converse wire data: the response body and the
// ConverseStream event frames, in the order and shapes of the recorded fixtures
// (reasoning, then text, then tool calls; text blocks without a start event; metadata last),
// and reads sent Converse messages as Claude sees them, to check thinking blocks.

import type { FakeChatReply } from './fake-chat-reply.js';
import { awsEventFrame, type FakeAwsFrame } from './fake-aws-event-stream.js';
import { sealFakeRedactedThinking, signFakeThinking, type FakeClaudeBlock, type FakeClaudeTurn } from './fake-claude-thinking.js';
import { splitInThree, splitWords } from './fake-split-text.js';
import { mapFakeFinish, type FakeFinish } from './fake-finish-reason.js';
import { isRecord } from './is-record.js';

type ConverseBlock =
  | { reasoningContent: { reasoningText: { text: string; signature: string } } }
  | { reasoningContent: { redactedContent: string } }
  | { text: string }
  | { toolUse: { toolUseId: string; name: string; input: unknown } };

function toConverseBlocks(reply: FakeChatReply, served: number): ConverseBlock[] {
  const blocks: ConverseBlock[] = [];
  if (reply.reasoning !== undefined) blocks.push({ reasoningContent: { reasoningText: { text: reply.reasoning, signature: signFakeThinking(reply.reasoning) } } });
  // Converse carries the encrypted bytes as a blob, which JSON writes in base64.
  if (reply.redactedReasoning !== undefined) blocks.push({ reasoningContent: { redactedContent: sealFakeRedactedThinking(reply.redactedReasoning) } });
  if (reply.content !== undefined && reply.content !== '') blocks.push({ text: reply.content });
  (reply.toolCalls ?? []).forEach((call, index) => {
    const input: unknown = call.arguments.trim() === '' ? {} : JSON.parse(call.arguments);
    blocks.push({ toolUse: { toolUseId: call.id ?? `tooluse_fake${String(served).padStart(6, '0')}_${index}`, name: call.name, input } });
  });
  return blocks;
}

const CONVERSE_STOP_REASONS: Readonly<Record<FakeFinish, string>> = { stop: 'end_turn', length: 'max_tokens', tool_calls: 'tool_use', content_filter: 'content_filtered' };

function toConverseStopReason(reply: FakeChatReply): string {
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

/** One ConverseStream event: its `:event-type`, its payload, and whether it carries content. */
export interface FakeConverseEvent {
  type: string;
  payload: Record<string, unknown>;
  content: boolean;
}

export function createFakeConverseFrames(reply: FakeChatReply, served: number): FakeAwsFrame[] {
  return createFakeConverseEvents(reply, served).map((event) => awsEventFrame(event.type, event.payload, event.content));
}

/** The ConverseStream events; Nova's InvokeModel stream sends the same ones inside chunks. */
export function createFakeConverseEvents(reply: FakeChatReply, served: number): FakeConverseEvent[] {
  const event = (type: string, payload: Record<string, unknown>, content = false): FakeConverseEvent => ({ type, payload, content });
  const events: FakeConverseEvent[] = [event('messageStart', { role: 'assistant' })];
  toConverseBlocks(reply, served).forEach((block, contentBlockIndex) => {
    const delta = (payload: Record<string, unknown>): FakeConverseEvent => event('contentBlockDelta', { contentBlockIndex, delta: payload }, true);
    if ('reasoningContent' in block) {
      const reasoning = block.reasoningContent;
      if ('redactedContent' in reasoning) {
        events.push(delta({ reasoningContent: { redactedContent: reasoning.redactedContent } }));
      } else {
        for (const piece of splitWords(reasoning.reasoningText.text)) events.push(delta({ reasoningContent: { text: piece } }));
        events.push(event('contentBlockDelta', { contentBlockIndex, delta: { reasoningContent: { signature: reasoning.reasoningText.signature } } }));
      }
    } else if ('text' in block) {
      for (const piece of splitWords(block.text)) events.push(delta({ text: piece }));
    } else {
      const { toolUseId, name, input } = block.toolUse;
      events.push(event('contentBlockStart', { contentBlockIndex, start: { toolUse: { toolUseId, name } } }));
      for (const piece of splitInThree(JSON.stringify(input))) events.push(delta({ toolUse: { input: piece } }));
    }
    events.push(event('contentBlockStop', { contentBlockIndex }));
  });
  events.push(event('messageStop', { stopReason: toConverseStopReason(reply) }));
  events.push(event('metadata', { usage: toConverseUsage(reply), metrics: { latencyMs: 321 } }));
  return events;
}

/** Converse messages as Claude sees them: Bedrock hands Claude the same blocks under its own names. */
export function converseToClaudeTurns(messages: unknown[]): FakeClaudeTurn[] {
  return messages.map((message) => {
    const record = isRecord(message) ? message : {};
    const content = Array.isArray(record['content']) ? record['content'] : [];
    return { role: record['role'], blocks: content.map(toClaudeBlock) };
  });
}

const CLAUDE_BLOCK_TYPES: Readonly<Record<string, string>> = { text: 'text', image: 'image', document: 'document', toolUse: 'tool_use', toolResult: 'tool_result' };

function toClaudeBlock(block: unknown): FakeClaudeBlock {
  if (!isRecord(block)) return { type: 'unknown' };
  const reasoning = block['reasoningContent'];
  if (isRecord(reasoning)) {
    if ('redactedContent' in reasoning) return { type: 'redacted_thinking', data: reasoning['redactedContent'] };
    const text = isRecord(reasoning['reasoningText']) ? reasoning['reasoningText'] : {};
    return { type: 'thinking', thinking: text['text'], signature: text['signature'] };
  }
  const key = Object.keys(block).find((name) => name in CLAUDE_BLOCK_TYPES);
  return { type: key === undefined ? 'unknown' : (CLAUDE_BLOCK_TYPES[key] ?? 'unknown') };
}
