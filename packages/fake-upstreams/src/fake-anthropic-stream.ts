// Renders a FakeChatReply as the Anthropic event stream, framed exactly as the API does
// (`event: <type>\ndata: <json>\n\n`), and marks which events carry content so that
// failures can be injected after a given number of content chunks.

import type { FakeChatReply } from './fake-chat-reply.js';
import { toAnthropicBlocks, toAnthropicStopReason, toAnthropicStopSequence, toAnthropicUsage, type FakeAnthropicBlock } from './fake-anthropic-message.js';
import { splitInThree, splitWords } from './fake-split-text.js';

export interface FakeAnthropicEvent {
  frame: string;
  /** A content_block_delta: counts toward failAfterChunks / dropAfterChunks. */
  content: boolean;
}

export function frameEvent(type: string, data: Record<string, unknown>): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
}

export function createFakeAnthropicEvents(messageId: string, model: string, reply: FakeChatReply): FakeAnthropicEvent[] {
  const usage = toAnthropicUsage(reply);
  const events: FakeAnthropicEvent[] = [];
  const push = (type: string, data: Record<string, unknown>, content = false): void => {
    events.push({ frame: frameEvent(type, data), content });
  };
  const message = { id: messageId, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null };
  push('message_start', { message: { ...message, usage: { ...usage, output_tokens: 1 } } });
  push('ping', {});

  toAnthropicBlocks(reply, messageId).forEach((block, index) => {
    push('content_block_start', { index, content_block: emptyBlock(block) });
    for (const delta of blockDeltas(block)) push('content_block_delta', { index, delta }, true);
    push('content_block_stop', { index });
  });

  push('message_delta', { delta: { stop_reason: toAnthropicStopReason(reply), stop_sequence: toAnthropicStopSequence(reply) }, usage });
  push('message_stop', {});
  return events;
}

/** The block as content_block_start announces it, before any delta. */
function emptyBlock(block: FakeAnthropicBlock): Record<string, unknown> {
  switch (block.type) {
    case 'thinking':
      return { type: 'thinking', thinking: '', signature: '' };
    case 'redacted_thinking':
      // Redacted reasoning has nothing to stream: the whole block comes in its start event.
      return block;
    case 'text':
      return { type: 'text', text: '' };
    case 'tool_use':
      return { type: 'tool_use', id: block.id, name: block.name, input: {} };
    default: {
      const exhaustive: never = block;
      throw new Error(`unknown block ${JSON.stringify(exhaustive)}`);
    }
  }
}

function blockDeltas(block: FakeAnthropicBlock): Array<Record<string, unknown>> {
  switch (block.type) {
    case 'thinking':
      return [...splitWords(block.thinking).map((thinking) => ({ type: 'thinking_delta', thinking })), { type: 'signature_delta', signature: block.signature }];
    case 'redacted_thinking':
      return [];
    case 'text':
      return splitWords(block.text).map((text) => ({ type: 'text_delta', text }));
    case 'tool_use':
      // The API's first input_json_delta is usually empty; clients must cope with it.
      return ['', ...splitInThree(JSON.stringify(block.input))].map((partial_json) => ({ type: 'input_json_delta', partial_json }));
    default: {
      const exhaustive: never = block;
      throw new Error(`unknown block ${JSON.stringify(exhaustive)}`);
    }
  }
}
