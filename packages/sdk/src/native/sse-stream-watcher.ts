// The part every SSE dialect's watcher shares: bytes are split into events as they pass (a
// character or event split across chunks stays whole), and a stream that ends short of its
// dialect's final event is an error, never a quietly shorter answer. A dialect that reads
// only a few events says which reads it can skip (quiet), so most reads are searched, not
// parsed.

import { APIConnectionError } from '../errors/error-classes.js';
import type { Usage } from '../spec/index.js';
import type { NativeStreamWatcher, NativeWatcherContext } from './native-stream.js';
import { forEachSseEvent, SseEventSplitter, type SseEvent } from './split-sse-events.js';

export abstract class SseStreamWatcher implements NativeStreamWatcher {
  usage: Usage | undefined;
  committed = false;
  failure: unknown;
  private readonly splitter = new SseEventSplitter();
  private readonly onEventBound = (message: SseEvent): void => this.onEvent(message);

  constructor(
    protected readonly context: NativeWatcherContext,
    /** Named in the error of a stream cut short. */
    private readonly finalEvent: string,
  ) {}

  observe(chunk: Buffer): void {
    const events = this.splitter.take(chunk);
    if (events !== '') this.read(events);
  }

  finish(): void {
    // A final event the upstream did not terminate with a blank line still counts.
    const rest = this.splitter.rest();
    if (rest !== '') forEachSseEvent(rest, this.onEventBound);
    if (this.complete() || this.failure !== undefined) return;
    throw new APIConnectionError(`${this.context.provider} stream ended early, before ${this.finalEvent}`, {
      provider: this.context.provider,
      model: this.context.model,
    });
  }

  /**
   * Reads one read's whole events (latin1). By default every event is parsed unless the
   * dialect says the read is quiet; a dialect may instead parse only the events it needs.
   */
  protected read(events: string): void {
    if (!this.quiet(events)) forEachSseEvent(events, this.onEventBound);
  }

  /** Parses `events` (whole events, latin1) into onEvent. */
  protected parse(events: string): void {
    forEachSseEvent(events, this.onEventBound);
  }

  protected abstract onEvent(message: SseEvent): void;
  /**
   * Whether whole events (latin1 text, see split-sse-events.ts) hold nothing this watcher
   * reads, so they need not be parsed. Only a search for the bytes the dialect reads may say so.
   */
  protected quiet(_events: string): boolean {
    return false;
  }
  /** Whether the events seen so far make a whole answer. */
  protected abstract complete(): boolean;
}
