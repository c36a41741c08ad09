// An upstream body's raw chunks as an async iterator of Buffers, for passthrough streams:
// the queue, backpressure, typed transport errors and early release are QueuedBodyReader's.

import { QueuedBodyReader } from '../http/queued-body-reader.js';

export class BodyChunkReader extends QueuedBodyReader<Buffer> {
  protected onData(bytes: Buffer): void {
    this.deliver(bytes);
  }

  /** Whether the stream was complete is the dialect watcher's to say, not the transport's. */
  protected onBodyEnd(): void {
    if (!this.finished) this.end();
  }
}
