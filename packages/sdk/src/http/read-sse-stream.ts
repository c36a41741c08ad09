// An upstream's server-sent events → items, decoded and converted synchronously as the
// body's 'data' events arrive and queued by QueuedBodyReader (one object per stream, one
// promise per item; see queued-body-reader.ts for why).

import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createParser, type EventSourceMessage, type EventSourceParser } from 'eventsource-parser';
import { isLlmuxError } from '../errors/to-openai-error-body.js';
import type { SseEvent } from './decode-sse.js';
import { toConnectionError } from './http-client.js';
import { QueuedBodyReader, type BodyErrorContext } from './queued-body-reader.js';

/** What a provider does with each event of its stream. */
export interface SseEventHandler<T> {
  /** One event → zero or more items, passed to `emit`. A thrown error ends the stream with it. */
  onEvent(event: string | undefined, data: string, emit: (item: T) => void): void;
  /** The body ended: emits any last items, or throws when the stream was cut short. */
  onEnd(emit: (item: T) => void): void;
}

type ErrorContext = BodyErrorContext;

class SseStreamReader<T> extends QueuedBodyReader<T> {
  private readonly parser: EventSourceParser;
  // undici's body ignores setEncoding; a StringDecoder keeps characters split across reads whole.
  private readonly decoder = new StringDecoder('utf8');
  private readonly emit = (item: T): void => this.deliver(item);

  constructor(
    body: Readable,
    private readonly handler: SseEventHandler<T>,
    context: ErrorContext,
  ) {
    super(body, context);
    this.parser = createParser({ onEvent: (message: EventSourceMessage) => this.onEvent(message) });
  }

  protected onData(bytes: Buffer): void {
    this.parser.feed(this.decoder.write(bytes));
  }

  private onEvent(message: EventSourceMessage): void {
    if (this.finished) return;
    try {
      this.handler.onEvent(message.event, message.data, this.emit);
    } catch (error) {
      this.fail(error);
    }
  }

  protected onBodyEnd(): void {
    if (this.finished) return;
    // A final event the upstream did not terminate with a blank line still counts.
    this.parser.feed(`${this.decoder.end()}\n\n`);
    if (this.finished) return;
    try {
      this.handler.onEnd(this.emit);
    } catch (error) {
      this.fail(error);
      return;
    }
    this.end();
  }
}

/** Reads an undici response body as a stream of items. */
export function readSseStream<T>(body: Readable, handler: SseEventHandler<T>, context: ErrorContext): AsyncIterableIterator<T> {
  return new SseStreamReader(body, handler, context);
}

/** The same for events that do not come from a Node stream (unwrapped from another framing). */
export async function* convertSseEvents<T>(events: AsyncIterable<SseEvent>, handler: SseEventHandler<T>, context: ErrorContext): AsyncGenerator<T> {
  let ready: T[] = [];
  const emit = (item: T): void => void ready.push(item);
  try {
    for await (const event of events) {
      handler.onEvent(event.event, event.data, emit);
      if (ready.length > 0) {
        const batch = ready;
        ready = [];
        yield* batch;
      }
    }
  } catch (error) {
    throw isLlmuxError(error) ? error : toConnectionError(error, context);
  }
  handler.onEnd(emit);
  yield* ready;
}
