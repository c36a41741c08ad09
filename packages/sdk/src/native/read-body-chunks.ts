// An upstream body's raw chunks as an async iterator of Buffers, for passthrough streams:
// the queue, backpressure, typed transport errors and early release are QueuedBodyReader's.
// undici emits one 'data' per HTTP chunk of the upstream's body, so one socket read of an SSE
// stream arrives as a burst of small pieces (22 for a short answer), all in one tick. Each
// item costs the reader a promise, the watcher a search, the encoder a check and the client a
// write with its chunk framing, so the pieces of one tick are joined into one item: one write
// per socket read, never held past the tick the bytes arrived in.

import type { Readable } from 'node:stream';
import { QueuedBodyReader, type BodyErrorContext, type QueueLimit } from '../http/queued-body-reader.js';

/** Bytes queued before the upstream is paused (a slow client holds back the upstream). */
const QUEUED_BYTES: QueueLimit<Buffer> = { highWater: 64 * 1024, sizeOf: (bytes) => bytes.length };

export class BodyChunkReader extends QueuedBodyReader<Buffer> {
  /** The pieces received in this tick, not yet queued. */
  private pieces: Buffer[] = [];
  private readonly flushBound = (): void => this.flush();

  constructor(
    body: Readable,
    context: BodyErrorContext,
    /** Edits each joined read (a row's reply key renamed), in the same step: no extra promise per read. */
    private readonly edit?: (bytes: Buffer) => Buffer,
  ) {
    super(body, context, QUEUED_BYTES);
  }

  protected onData(bytes: Buffer): void {
    if (this.pieces.push(bytes) === 1) process.nextTick(this.flushBound);
  }

  /** Whether the stream was complete is the dialect watcher's to say, not the transport's. */
  protected onBodyEnd(): void {
    this.flush();
    if (!this.finished) this.end();
  }

  /** The bytes that arrived before a transport error are delivered before it. */
  protected override fail(error: unknown): void {
    this.flush();
    super.fail(error);
  }

  /** Queues this tick's pieces as one item (once: the end and the tick may both call it). */
  private flush(): void {
    const pieces = this.pieces;
    if (pieces.length === 0) return;
    this.pieces = [];
    // After return() (the reader stopped) nothing more is read.
    if (this.finished) return;
    const bytes = pieces.length === 1 ? (pieces[0] as Buffer) : Buffer.concat(pieces);
    this.deliver(this.edit === undefined ? bytes : this.edit(bytes));
  }
}
