// Canonical stream chunks → Anthropic's event sequence: message_start, then content blocks
// one at a time (content_block_start, deltas, content_block_stop), then message_delta with
// the stop reason and usage, then message_stop. A block closes when another kind begins.

import { randomUUID } from 'node:crypto';
import type { LlmuxError } from '../../errors/llmux-error.js';
import type { ChatCompletionChunk, FinishReason, ThinkingBlockDelta, ToolCallDelta, Usage } from '../../spec/index.js';
import { convertToAnthropicUsage } from './convert-to-anthropic-usage.js';
import { encodeAnthropicEvent as frame } from './encode-anthropic-event.js';
import { mapToAnthropicStopReason } from './map-to-anthropic-stop-reason.js';
import { toAnthropicErrorBody } from './to-anthropic-error.js';

export interface AnthropicStreamEncoder {
  /** SSE text (zero or more `event: …\ndata: …\n\n` frames) for one canonical chunk. */
  chunk(chunk: ChatCompletionChunk): string;
  /** The closing frames: content_block_stop for an open block, message_delta (stop_reason, usage), message_stop. */
  end(usage: Usage | undefined): string;
  /** A terminal `event: error` frame for an error after the stream began. */
  error(error: LlmuxError): string;
}

export interface AnthropicStreamEncoderOptions {
  /** The model name the client asked for (the reply names it, not the deployment's). */
  model: string;
  /** The message id; by default the first chunk's id. */
  messageId?: string;
  /** message_start's input_tokens (Anthropic sends them first; OpenAI-style streams at the end). */
  promptTokens?: number;
  /** The request's stop_sequences, to name the one that ended the turn when the text shows it. */
  stopSequences?: readonly string[];
}

type OpenBlock =
  | { kind: 'text' }
  | { kind: 'thinking'; thinkingIndex: number | undefined; signature: string }
  | { kind: 'redacted'; thinkingIndex: number; data: string }
  | { kind: 'tool'; toolIndex: number };

/** Enough text to see any stop sequence at its end. */
const TEXT_TAIL = 256;

export function createAnthropicStreamEncoder(options: AnthropicStreamEncoderOptions): AnthropicStreamEncoder {
  let started = false;
  let ended = false;
  let open: OpenBlock | undefined;
  let nextIndex = 0;
  let finishReason: FinishReason | null = null;
  let chunkUsage: Usage | undefined;
  let textTail = '';
  /** Tool call index → its content block's index. */
  const toolBlocks = new Map<number, number>();

  const start = (id: string | undefined): string => {
    if (started) return '';
    started = true;
    const messageId = options.messageId ?? (id !== undefined && id !== '' ? id : `msg_${randomUUID().replaceAll('-', '')}`);
    const usage = { input_tokens: options.promptTokens ?? 0, output_tokens: 0 };
    const message = { id: messageId, type: 'message', role: 'assistant', model: options.model, content: [], stop_reason: null, stop_sequence: null, usage };
    return frame({ type: 'message_start', message });
  };

  const close = (): string => {
    const block = open;
    if (block === undefined) return '';
    open = undefined;
    const index = nextIndex - 1;
    let out = '';
    if (block.kind === 'thinking' && block.signature !== '') {
      // Sent whole at the end: the SDK replaces a signature with each signature_delta.
      out += frame({ type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: block.signature } });
    } else if (block.kind === 'redacted') {
      // There is no delta for redacted data, so the block is sent once it is complete.
      out += frame({ type: 'content_block_start', index, content_block: { type: 'redacted_thinking', data: block.data } });
    }
    return out + frame({ type: 'content_block_stop', index });
  };

  /** Closes the open block and starts `block`; redacted blocks start when they close. */
  const begin = (block: OpenBlock, contentBlock: Record<string, unknown> | undefined): string => {
    const out = close();
    open = block;
    const index = nextIndex++;
    return contentBlock === undefined ? out : out + frame({ type: 'content_block_start', index, content_block: contentBlock });
  };

  const delta = (value: Record<string, unknown>, index = nextIndex - 1): string => frame({ type: 'content_block_delta', index, delta: value });

  const text = (value: string): string => {
    textTail = (textTail + value).slice(-TEXT_TAIL);
    const out = open?.kind === 'text' ? '' : begin({ kind: 'text' }, { type: 'text', text: '' });
    return out + delta({ type: 'text_delta', text: value });
  };

  const reasoning = (value: string): string => {
    const out = open?.kind === 'thinking' ? '' : begin({ kind: 'thinking', thinkingIndex: undefined, signature: '' }, { type: 'thinking', thinking: '', signature: '' });
    return out + delta({ type: 'thinking_delta', thinking: value });
  };

  const thinkingFragment = (fragment: ThinkingBlockDelta): string => {
    if (fragment.type === 'redacted_thinking') {
      if (open?.kind === 'redacted' && open.thinkingIndex === fragment.index) {
        open.data += fragment.data;
        return '';
      }
      return begin({ kind: 'redacted', thinkingIndex: fragment.index, data: fragment.data }, undefined);
    }
    let out = '';
    if (open?.kind !== 'thinking' || (open.thinkingIndex !== undefined && open.thinkingIndex !== fragment.index)) {
      out += begin({ kind: 'thinking', thinkingIndex: fragment.index, signature: '' }, { type: 'thinking', thinking: '', signature: '' });
    }
    const block = open;
    if (block?.kind === 'thinking') {
      block.thinkingIndex = fragment.index;
      block.signature += fragment.signature;
    }
    return fragment.thinking === '' ? out : out + delta({ type: 'thinking_delta', thinking: fragment.thinking });
  };

  const toolCall = (call: ToolCallDelta): string => {
    const known = toolBlocks.get(call.index);
    const args = call.function?.arguments ?? '';
    // No provider we know interleaves tool calls; a late fragment still reaches its own block.
    if (known !== undefined) return args === '' ? '' : delta({ type: 'input_json_delta', partial_json: args }, known);
    const id = call.id !== undefined && call.id !== '' ? call.id : `toolu_${randomUUID().replaceAll('-', '')}`;
    const out = begin({ kind: 'tool', toolIndex: call.index }, { type: 'tool_use', id, name: call.function?.name ?? '', input: {} });
    toolBlocks.set(call.index, nextIndex - 1);
    return args === '' ? out : out + delta({ type: 'input_json_delta', partial_json: args });
  };

  return {
    chunk(chunk) {
      if (ended) return '';
      let out = start(chunk.id);
      if (chunk.usage !== undefined && chunk.usage !== null) chunkUsage = chunk.usage;
      const choice = chunk.choices.find((candidate) => candidate.index === 0);
      if (choice === undefined) return out;
      const { delta: change } = choice;
      // Signed fragments carry the same text as reasoning_content; they win, to keep the signature.
      if (change.thinking_blocks !== undefined && change.thinking_blocks.length > 0) {
        for (const fragment of change.thinking_blocks) out += thinkingFragment(fragment);
      } else if (change.reasoning_content) out += reasoning(change.reasoning_content);
      if (change.content) out += text(change.content);
      if (change.refusal) out += text(change.refusal);
      for (const call of change.tool_calls ?? []) out += toolCall(call);
      if (choice.finish_reason !== null) finishReason = choice.finish_reason;
      return out;
    },

    end(usage) {
      if (ended) return '';
      ended = true;
      const out = start(undefined) + close();
      const stop = mapToAnthropicStopReason(finishReason, { toolUse: toolBlocks.size > 0, text: textTail, stopSequences: options.stopSequences });
      const finalUsage = convertToAnthropicUsage(usage ?? chunkUsage, options.promptTokens);
      return out + frame({ type: 'message_delta', delta: stop, usage: finalUsage }) + frame({ type: 'message_stop' });
    },

    error(error) {
      if (ended) return '';
      ended = true;
      return frame(toAnthropicErrorBody(error));
    },
  };
}
