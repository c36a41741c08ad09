// The streams being written right now, so that close() can end those still open when the
// grace period runs out: each gets a terminal error event in its dialect and is billed for
// what it delivered, instead of being cut without a word and billed nothing.

import { ServiceUnavailableError } from 'llmux';

export interface OpenStream {
  /** Writes the dialect's terminal error and ends the reply; the writer then bills it. */
  shutDown(error: unknown): void;
  /** Resolves once the reply's last bytes are handed to the socket (or it is gone). */
  readonly finished: Promise<void>;
}

/** How long close() waits for shut-down streams' last events to leave before cutting connections. */
const FLUSH_WAIT_MS = 1_000;

export class OpenStreams {
  private readonly streams = new Set<OpenStream>();

  add(stream: OpenStream): void {
    this.streams.add(stream);
  }

  delete(stream: OpenStream): void {
    this.streams.delete(stream);
  }

  get size(): number {
    return this.streams.size;
  }

  /** Ends every open stream with a shutdown error; resolves when their events are sent (or after a second). */
  async shutDownAll(): Promise<void> {
    if (this.streams.size === 0) return;
    const error = new ServiceUnavailableError('The gateway is shutting down; the stream was ended before its end', { code: 'server_shutdown' });
    const finished: Array<Promise<void>> = [];
    for (const stream of [...this.streams]) {
      stream.shutDown(error);
      finished.push(stream.finished);
    }
    let timer: NodeJS.Timeout | undefined;
    const wait = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, FLUSH_WAIT_MS);
      timer.unref();
    });
    await Promise.race([Promise.all(finished), wait]);
    clearTimeout(timer);
  }
}
