// The Anthropic Messages dialect in the cache: a streamed message is reassembled from its
// events (blocks by index, text, tool input JSON, thinking and its signature, the stop
// reason and usage of message_delta), and a stored message is replayed as the event
// sequence Anthropic sends, which @anthropic-ai/sdk accumulates back into the same message.

import { randomBytes } from 'node:crypto';
import { encodeAnthropicEvent } from 'llmux';
import type { CachedDialect, DialectReply } from './cached-dialect.js';

type Block = Record<string, unknown>;

export const anthropicCachedDialect: CachedDialect = {
  fromEvents(events) {
    let message: DialectReply | undefined;
    const blocks: Block[] = [];
    const toolJson = new Map<number, string>();
    let stopped = false;
    for (const event of events) {
      const index = typeof event['index'] === 'number' ? event['index'] : -1;
      switch (event['type']) {
        case 'message_start':
          message = { ...(event['message'] as DialectReply) };
          break;
        case 'content_block_start':
          blocks[index] = { ...(event['content_block'] as Block) };
          break;
        case 'content_block_delta': {
          const block = blocks[index];
          if (block === undefined) return undefined;
          if (!applyDelta(block, event['delta'] as Record<string, unknown>, index, toolJson)) return undefined;
          break;
        }
        case 'content_block_stop': {
          const json = toolJson.get(index);
          const block = blocks[index];
          if (json !== undefined && block !== undefined) block['input'] = json === '' ? {} : (JSON.parse(json) as unknown);
          break;
        }
        case 'message_delta': {
          if (message === undefined) return undefined;
          Object.assign(message, event['delta'] as object);
          message['usage'] = { ...(message['usage'] as object), ...(event['usage'] as object) };
          break;
        }
        case 'message_stop':
          stopped = true;
          break;
        case 'error':
          return undefined;
        default:
          break;
      }
    }
    if (message === undefined || !stopped || hasHole(blocks)) return undefined;
    return { ...message, content: blocks };
  },

  renew(reply) {
    // Anthropic's ids are msg_ and 24 base62 characters; base64url of 18 bytes has that length.
    return { ...reply, id: `msg_${randomBytes(18).toString('base64url')}` };
  },

  toEvents(reply) {
    const frames: string[] = [];
    const usage = reply['usage'] as Record<string, unknown> | undefined;
    frames.push(encodeAnthropicEvent({ type: 'message_start', message: { ...reply, content: [], stop_reason: null, stop_sequence: null, usage } }));
    const content = Array.isArray(reply['content']) ? (reply['content'] as Block[]) : [];
    content.forEach((block, index) => {
      for (const frame of blockEvents(block, index)) frames.push(encodeAnthropicEvent(frame));
    });
    const outputTokens = typeof usage?.['output_tokens'] === 'number' ? usage['output_tokens'] : 0;
    frames.push(
      encodeAnthropicEvent({
        type: 'message_delta',
        delta: { stop_reason: reply['stop_reason'] ?? null, stop_sequence: reply['stop_sequence'] ?? null },
        usage: { output_tokens: outputTokens },
      }),
    );
    frames.push(encodeAnthropicEvent({ type: 'message_stop' }));
    return frames;
  },
};

/** A block index the stream skipped: the message is not whole. */
function hasHole(blocks: Block[]): boolean {
  for (let index = 0; index < blocks.length; index += 1) if (blocks[index] === undefined) return true;
  return false;
}

/** One delta into its block; false for a delta of a kind this does not know (not stored). */
function applyDelta(block: Block, delta: Record<string, unknown>, index: number, toolJson: Map<number, string>): boolean {
  switch (delta['type']) {
    case 'text_delta':
      block['text'] = String(block['text'] ?? '') + String(delta['text']);
      return true;
    case 'input_json_delta':
      toolJson.set(index, (toolJson.get(index) ?? '') + String(delta['partial_json']));
      return true;
    case 'thinking_delta':
      block['thinking'] = String(block['thinking'] ?? '') + String(delta['thinking']);
      return true;
    case 'signature_delta':
      block['signature'] = delta['signature'];
      return true;
    case 'citations_delta':
      block['citations'] = [...((block['citations'] as unknown[] | undefined) ?? []), delta['citation']];
      return true;
    default:
      return false;
  }
}

type Frame = { type: string; [field: string]: unknown };

/** A block as Anthropic streams it: an empty start, its content as one delta, the stop. */
function blockEvents(block: Block, index: number): Frame[] {
  const start = (contentBlock: Block): Frame => ({ type: 'content_block_start', index, content_block: contentBlock });
  const delta = (value: Record<string, unknown>): Frame => ({ type: 'content_block_delta', index, delta: value });
  const stop: Frame = { type: 'content_block_stop', index };
  switch (block['type']) {
    case 'text': {
      const { text, citations, ...rest } = block;
      const frames = [start({ ...rest, text: '', ...(citations === undefined ? {} : { citations: [] }) })];
      for (const citation of Array.isArray(citations) ? citations : []) frames.push(delta({ type: 'citations_delta', citation }));
      return [...frames, delta({ type: 'text_delta', text: String(text ?? '') }), stop];
    }
    case 'tool_use':
      return [start({ ...block, input: {} }), delta({ type: 'input_json_delta', partial_json: JSON.stringify(block['input'] ?? {}) }), stop];
    case 'thinking':
      return [
        start({ ...block, thinking: '', signature: '' }),
        delta({ type: 'thinking_delta', thinking: String(block['thinking'] ?? '') }),
        delta({ type: 'signature_delta', signature: String(block['signature'] ?? '') }),
        stop,
      ];
    default:
      // redacted_thinking, server tool results: sent whole in their start, as Anthropic does.
      return [start(block), stop];
  }
}
