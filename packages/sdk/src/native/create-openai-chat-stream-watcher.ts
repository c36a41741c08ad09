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
/** The `data: [DONE]` line, as forEachSseEvent reads it. */
const DONE_LINE = /(?:^|\n)data: ?\[DONE\](?:\n|$)/;
const USAGE = '"usage":{';
const EVENT_END = '\n\n';

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

  /**
   * One read often holds a whole short answer. Events are parsed up to the one that commits
   * (an error before it must reject the call); after it, the finish and `[DONE]` are found by
   * search and only the usage chunk is parsed. A read with an error, or CR line ends, is
   * parsed event by event.
   */
  protected override read(events: string): void {
    let rest = events;
    if (!this.committed) {
      const at = rest.search(CONTENT);
      if (at === -1 || rest.includes('\r')) return this.parse(rest);
      const end = endOfEvent(rest, at);
      this.parse(rest.slice(0, end));
      rest = rest.slice(end);
      if (rest === '' || !this.committed) return this.parse(rest);
    }
    if (!MAY_MATTER.test(rest)) return;
    if (rest.includes('error') || rest.includes('\r')) return this.parse(rest);
    if (!this.finishSeen && FINISH.test(rest)) this.finishSeen = true;
    if (DONE_LINE.test(rest)) this.done = true;
    for (let at = rest.indexOf(USAGE); at !== -1; at = rest.indexOf(USAGE, at + USAGE.length)) {
      const start = rest.lastIndexOf(EVENT_END, at);
      const end = endOfEvent(rest, at);
      this.parse(rest.slice(start === -1 ? 0 : start + EVENT_END.length, end));
      at = Math.max(at, end - USAGE.length);
    }
  }

  /** Some OpenAI-compatible servers end without [DONE]; a finish_reason says the answer is whole. */
  protected complete(): boolean {
    return this.done || this.finishSeen;
  }
}

/** Where the event holding `at` ends: after its blank line, or at the end of `events`. */
function endOfEvent(events: string, at: number): number {
  const end = events.indexOf(EVENT_END, at);
  return end === -1 ? events.length : end + EVENT_END.length;
}

export function createOpenAIChatStreamWatcher(context: NativeWatcherContext): NativeStreamWatcher {
  return new OpenAIChatStreamWatcher(context, '[DONE]');
}
