// Watches an OpenAI Responses stream as it passes through: the commit point at the first
// delta or finished item, usage from the terminal event's `response.usage`, the end at
// response.completed / .incomplete / .failed, and an `error` event as a typed error.

import { tryParseJson } from '../http/read-body.js';
import { createOpenAIPayloadError } from '../providers/openai/openai-error.js';
import type { NativeStreamWatcher, NativeWatcherContext } from './native-stream.js';
import { toResponsesUsage } from './parse-openai-responses-usage.js';
import { SseStreamWatcher } from './sse-stream-watcher.js';
import type { SseEvent } from './split-sse-events.js';

/** An event that shows the client something: a delta of any kind, or a finished item. */
const CONTENT = /^response\.(?:[a-z_.]+\.delta|output_item\.done)$/;
const TERMINAL: ReadonlySet<string> = new Set(['response.completed', 'response.incomplete', 'response.failed']);

class OpenAIResponsesStreamWatcher extends SseStreamWatcher {
  private done = false;

  protected onEvent(message: SseEvent): void {
    const type = message.event ?? readType(message.data);
    if (type === 'error') {
      this.failure ??= createOpenAIPayloadError(flatten(tryParseJson(message.data)), this.context);
      return;
    }
    if (type === undefined) return;
    if (!this.committed && CONTENT.test(type)) this.committed = true;
    if (!TERMINAL.has(type)) return;
    this.done = true;
    // A failure before any content is thrown at the router, which may still retry elsewhere.
    if (type !== 'response.failed') this.committed = true;
    const response = (tryParseJson(message.data) as { response?: { usage?: unknown; error?: unknown } } | undefined)?.response;
    const usage = toResponsesUsage(response?.usage);
    if (usage !== undefined) this.usage = usage;
    // A failed response was told to the client in its own event; the spend row gets its error.
    if (type === 'response.failed') this.failure ??= createOpenAIPayloadError({ error: response?.error ?? { message: 'response failed' } }, this.context);
  }

  protected complete(): boolean {
    return this.done;
  }
}

function readType(data: string): string | undefined {
  const match = /"type":"([^"]+)"/.exec(data);
  return match?.[1];
}

/** The Responses `error` event is flat ({type, code, message, param}); OpenAI's error body nests it. */
function flatten(event: unknown): unknown {
  if (typeof event !== 'object' || event === null || 'error' in event) return event;
  const { code, message, param } = event as Record<string, unknown>;
  return { error: { code: code ?? null, message, param: param ?? null, type: 'server_error' } };
}

export function createOpenAIResponsesStreamWatcher(context: NativeWatcherContext): NativeStreamWatcher {
  return new OpenAIResponsesStreamWatcher(context, 'response.completed');
}
