// Anthropic stream events → canonical chunks. Content blocks are tracked by their index so
// that each delta lands in the right field; tool calls get their own 0-based index, as in
// OpenAI, and so do thinking blocks, whose text and signature stream as thinking_blocks
// fragments (see ThinkingBlockDelta); the JSON tool of response_format emulation streams
// as plain content.

import { APIConnectionError, BadGatewayError } from '../../errors/error-classes.js';
import type { SseEvent } from '../../http/decode-sse.js';
import { convertSseEvents, type SseEventHandler } from '../../http/read-sse-stream.js';
import { tryParseJson } from '../../http/read-body.js';
import type { ChatCompletionChunk, ChatCompletionChunkDelta, FinishReason, ThinkingBlockDelta } from '../../spec/index.js';
import { anthropicStreamEventSchema, type AnthropicUsage } from './anthropic-api.js';
import { createAnthropicStreamError } from './anthropic-error.js';
import { convertAnthropicUsage, mergeAnthropicUsage } from './convert-anthropic-usage.js';
import { JSON_TOOL_NAME } from './convert-to-anthropic-tools.js';
import { mapAnthropicFinishReason } from './map-anthropic-finish-reason.js';
import { createChunk } from '../create-chunk.js';

export interface AnthropicStreamOptions {
  jsonMode: boolean;
  created: number;
  provider: string;
  model: string;
  secrets: ReadonlyArray<string | undefined>;
}

type BlockState = { kind: 'text' | 'json' | 'other' } | { kind: 'tool'; toolIndex: number } | { kind: 'thinking'; thinkingIndex: number };

const EVENT_TYPES: ReadonlySet<string> = new Set<string>(anthropicStreamEventSchema.options.map((option) => option.shape.type.value));

/** Events already split from their framing (Bedrock's event stream) → canonical chunks. */
export function convertAnthropicStream(events: AsyncIterable<SseEvent>, options: AnthropicStreamOptions): AsyncGenerator<ChatCompletionChunk> {
  return convertSseEvents(events, new AnthropicChunkReader(options), options);
}

export class AnthropicChunkReader implements SseEventHandler<ChatCompletionChunk> {
  private readonly blocks = new Map<number, BlockState>();
  private id = '';
  private model: string;
  private usage: AnthropicUsage = {};
  private toolCount = 0;
  private thinkingCount = 0;
  private jsonToolUsed = false;
  private stopped = false;

  constructor(private readonly options: AnthropicStreamOptions) {
    this.model = options.model;
  }

  onEvent(_event: string | undefined, data: string, emit: (chunk: ChatCompletionChunk) => void): void {
    const { options, blocks } = this;
    const raw = tryParseJson(data);
    const type = (raw as { type?: unknown } | null | undefined)?.type;
    // Anthropic may add event types; ones we do not know carry nothing we could map.
    if (typeof type !== 'string' || !EVENT_TYPES.has(type)) {
      if (raw === undefined) throw malformed(options, data);
      return;
    }
    const parsed = anthropicStreamEventSchema.safeParse(raw);
    if (!parsed.success) throw malformed(options, data);
    const event = parsed.data;

    switch (event.type) {
      case 'message_start':
        this.id = event.message.id;
        this.model = event.message.model;
        this.usage = mergeAnthropicUsage(this.usage, event.message.usage);
        emit(this.chunk({ role: 'assistant', content: '' }));
        break;
      case 'content_block_start': {
        const block = event.content_block;
        if (block.type === 'text') {
          blocks.set(event.index, { kind: 'text' });
          if (block.text) emit(this.chunk({ content: block.text }));
        } else if (block.type === 'thinking') {
          const thinkingIndex = this.thinkingCount++;
          blocks.set(event.index, { kind: 'thinking', thinkingIndex });
          // Always sent, even empty, so the block has its place before any fragment adds to it.
          const opening = thinkingFragment(thinkingIndex, block.thinking ?? '', block.signature ?? '');
          emit(this.chunk(block.thinking ? { reasoning_content: block.thinking, thinking_blocks: opening } : { thinking_blocks: opening }));
        } else if (block.type === 'redacted_thinking' && block.data !== undefined) {
          blocks.set(event.index, { kind: 'other' });
          emit(this.chunk({ thinking_blocks: [{ index: this.thinkingCount++, type: 'redacted_thinking', data: block.data }] }));
        } else if (block.type === 'tool_use' && options.jsonMode && block.name === JSON_TOOL_NAME) {
          blocks.set(event.index, { kind: 'json' });
          this.jsonToolUsed = true;
        } else if (block.type === 'tool_use') {
          const toolIndex = this.toolCount++;
          blocks.set(event.index, { kind: 'tool', toolIndex });
          const name = block.name ?? '';
          emit(this.chunk({ tool_calls: [{ index: toolIndex, id: block.id ?? '', type: 'function', function: { name, arguments: '' } }] }));
        } else {
          blocks.set(event.index, { kind: 'other' });
        }
        break;
      }
      case 'content_block_delta': {
        const { delta } = event;
        const block = blocks.get(event.index);
        if (delta.type === 'text_delta' && delta.text) emit(this.chunk({ content: delta.text }));
        else if (delta.type === 'thinking_delta' && delta.thinking) {
          if (block?.kind === 'thinking') emit(this.chunk({ reasoning_content: delta.thinking, thinking_blocks: thinkingFragment(block.thinkingIndex, delta.thinking, '') }));
          else emit(this.chunk({ reasoning_content: delta.thinking }));
        } else if (delta.type === 'signature_delta' && delta.signature && block?.kind === 'thinking') {
          emit(this.chunk({ thinking_blocks: thinkingFragment(block.thinkingIndex, '', delta.signature) }));
        } else if (delta.type === 'input_json_delta' && delta.partial_json) {
          if (block?.kind === 'json') emit(this.chunk({ content: delta.partial_json }));
          else if (block?.kind === 'tool') emit(this.chunk({ tool_calls: [{ index: block.toolIndex, function: { arguments: delta.partial_json } }] }));
        }
        // citations_delta has no canonical field.
        break;
      }
      case 'message_delta': {
        this.usage = mergeAnthropicUsage(this.usage, event.usage);
        let finishReason = mapAnthropicFinishReason(event.delta.stop_reason);
        if (this.jsonToolUsed && this.toolCount === 0 && finishReason === 'tool_calls') finishReason = 'stop';
        emit(this.chunk({}, finishReason));
        break;
      }
      case 'message_stop':
        this.stopped = true;
        emit({ id: this.id, object: 'chat.completion.chunk', created: options.created, model: this.model, choices: [], usage: convertAnthropicUsage(this.usage) });
        break;
      case 'error':
        throw createAnthropicStreamError(event.error, options);
      case 'content_block_stop':
      case 'ping':
        break;
      default: {
        const exhaustive: never = event;
        throw new Error(`unhandled stream event ${JSON.stringify(exhaustive)}`);
      }
    }
  }

  private chunk(delta: ChatCompletionChunkDelta, finishReason: FinishReason | null = null): ChatCompletionChunk {
    return createChunk({ id: this.id, created: this.options.created, model: this.model }, delta, finishReason);
  }

  onEnd(): void {
    // A stream cut short would otherwise look like a complete, shorter answer.
    if (this.stopped) return;
    throw new APIConnectionError(`${this.options.provider} stream ended early, before message_stop`, {
      provider: this.options.provider,
      model: this.options.model,
    });
  }
}

function thinkingFragment(index: number, thinking: string, signature: string): ThinkingBlockDelta[] {
  return [{ index, type: 'thinking', thinking, signature }];
}

function malformed(options: AnthropicStreamOptions, data: string): BadGatewayError {
  return new BadGatewayError(`${options.provider} sent a malformed stream event: ${data.slice(0, 200)}`, {
    provider: options.provider,
    model: options.model,
  });
}
