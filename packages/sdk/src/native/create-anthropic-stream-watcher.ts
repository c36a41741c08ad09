// Watches an Anthropic Messages event stream as it passes through: usage from message_start
// and message_delta (the only events whose data is parsed), the commit point at the first
// content, the end at message_stop, and the upstream's own `error` event as a typed error.

import { tryParseJson } from '../http/read-body.js';
import { anthropicUsageSchema, type AnthropicUsage } from '../providers/anthropic/anthropic-api.js';
import { createAnthropicStreamError } from '../providers/anthropic/anthropic-error.js';
import { convertAnthropicUsage, mergeAnthropicUsage } from '../providers/anthropic/convert-anthropic-usage.js';
import type { NativeStreamWatcher, NativeWatcherContext } from './native-stream.js';
import { SseStreamWatcher } from './sse-stream-watcher.js';
import type { SseEvent } from './split-sse-events.js';

/** Events that come before any content: the stream is not committed by them. */
const PRELUDE_EVENTS: ReadonlySet<string> = new Set(['message_start', 'ping', 'content_block_start', 'error']);

class AnthropicStreamWatcher extends SseStreamWatcher {
  private counts: AnthropicUsage = {};
  private stopped = false;

  protected onEvent(message: SseEvent): void {
    const type = message.event;
    if (type === undefined || !PRELUDE_EVENTS.has(type)) this.committed = true;
    switch (type) {
      case 'message_start':
        this.count((tryParseJson(message.data) as { message?: { usage?: unknown } } | undefined)?.message?.usage);
        break;
      case 'message_delta':
        this.count((tryParseJson(message.data) as { usage?: unknown } | undefined)?.usage);
        break;
      case 'message_stop':
        this.stopped = true;
        break;
      case 'error':
        this.failure ??= this.toError(message.data);
        break;
      default:
        break;
    }
  }

  protected complete(): boolean {
    return this.stopped;
  }

  private count(value: unknown): void {
    const parsed = anthropicUsageSchema.safeParse(value);
    if (!parsed.success) return;
    this.counts = mergeAnthropicUsage(this.counts, parsed.data);
    this.usage = convertAnthropicUsage(this.counts);
  }

  private toError(data: string): unknown {
    const error = (tryParseJson(data) as { error?: { type?: unknown; message?: unknown } } | undefined)?.error;
    const type = typeof error?.type === 'string' ? error.type : 'api_error';
    const text = typeof error?.message === 'string' ? error.message : `${this.context.provider} sent an error event`;
    return createAnthropicStreamError({ type, message: text }, this.context);
  }
}

export function createAnthropicStreamWatcher(context: NativeWatcherContext): NativeStreamWatcher {
  return new AnthropicStreamWatcher(context, 'message_stop');
}
