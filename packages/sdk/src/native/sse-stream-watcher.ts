// The part every SSE dialect's watcher shares: bytes are decoded and split into events as
// they pass (a character or event split across chunks stays whole), and a stream that ends
// short of its dialect's final event is an error, never a quietly shorter answer.

import { StringDecoder } from 'node:string_decoder';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { APIConnectionError } from '../errors/error-classes.js';
import type { Usage } from '../spec/index.js';
import type { NativeStreamWatcher, NativeWatcherContext } from './native-stream.js';

export abstract class SseStreamWatcher implements NativeStreamWatcher {
  usage: Usage | undefined;
  committed = false;
  failure: unknown;
  private readonly decoder = new StringDecoder('utf8');
  private readonly parser = createParser({ onEvent: (message) => this.onEvent(message) });

  constructor(
    protected readonly context: NativeWatcherContext,
    /** Named in the error of a stream cut short. */
    private readonly finalEvent: string,
  ) {}

  observe(chunk: Buffer): void {
    this.parser.feed(this.decoder.write(chunk));
  }

  finish(): void {
    // A final event the upstream did not terminate with a blank line still counts.
    this.parser.feed(`${this.decoder.end()}\n\n`);
    if (this.complete() || this.failure !== undefined) return;
    throw new APIConnectionError(`${this.context.provider} stream ended early, before ${this.finalEvent}`, {
      provider: this.context.provider,
      model: this.context.model,
    });
  }

  protected abstract onEvent(message: EventSourceMessage): void;
  /** Whether the events seen so far make a whole answer. */
  protected abstract complete(): boolean;
}
