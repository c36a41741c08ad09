// Watches an OpenAI chat completion stream as it passes through: usage from the usage chunk
// (the only data parsed, found by its `"usage":{`), the commit point at the first content,
// the end at `[DONE]` (or a finish_reason), and an error payload as a typed error. Reads
// between the commit point and the finish are searched, not split into events.

import { tryParseJson } from '../http/read-body.js';
import { createOpenAIPayloadError } from '../providers/openai/openai-error.js';
import type { NativeStreamWatcher, NativeWatcherContext } from './native-stream.js';
import { toOpenAIUsage } from './parse-openai-chat-usage.js';
import { SseStreamWatcher } from './sse-stream-watcher.js';
import type { SseEvent } from './split-sse-events.js';

/** A delta that shows the client something: text, reasoning, a refusal, a tool call, or the finish. */
const CONTENT = /"(?:content|reasoning_content|reasoning|refusal)":"[^"]|"tool_calls":\[|"finish_reason":"/;
const FINISH = /"finish_reason":"/;
/** What a read after the commit point must hold to be parsed: one search, faster than four. */
const MAY_MATTER = /\[DONE\]|error|"usage":\{|"finish_reason":"/;

class OpenAIChatStreamWatcher extends SseStreamWatcher {
  private done = false;
  private finishSeen = false;

  protected onEvent(message: SseEvent): void {
    const data = message.data;
    if (data === '[DONE]') {
      this.done = true;
      return;
    }
    if (message.event === 'error' || data.startsWith('{"error"')) {
      this.failure ??= createOpenAIPayloadError(tryParseJson(data), this.context);
      return;
    }
    if (!this.committed && CONTENT.test(data)) this.committed = true;
    if (!this.finishSeen && FINISH.test(data)) this.finishSeen = true;
    if (data.includes('"usage":{')) {
      const usage = toOpenAIUsage((tryParseJson(data) as { usage?: unknown } | undefined)?.usage);
      if (usage !== undefined) this.usage = usage;
    }
  }

  /**
   * After the commit point only the finish, the usage chunk, `[DONE]` and errors matter; reads
   * with none of their bytes (nearly all of a stream) are skipped unparsed.
   */
  protected override quiet(events: string): boolean {
    return this.committed && !MAY_MATTER.test(events);
  }

  /** Some OpenAI-compatible servers end without [DONE]; a finish_reason says the answer is whole. */
  protected complete(): boolean {
    return this.done || this.finishSeen;
  }
}

export function createOpenAIChatStreamWatcher(context: NativeWatcherContext): NativeStreamWatcher {
  return new OpenAIChatStreamWatcher(context, '[DONE]');
}
