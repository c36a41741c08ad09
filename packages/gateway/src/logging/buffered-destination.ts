// Where the gateway's log lines go: appended to a string in memory and handed to the file
// descriptor in 16 KiB blocks, one write(2) at a time on libuv's thread pool, so a line
// never waits on the terminal, a pipe or a disk inside the request path. Light traffic is
// flushed every second; exit and close() write what is left synchronously.
//
// Why not pino's own destination (sonic-boom): on the request path it cost ~4 µs a line in
// its asynchronous mode (its per-write bookkeeping), this ~0.3 µs (docs/benchmarks.md,
// finding 8). Same contract for pino: write(string), flush(callback), flushSync(), end().

import { write, writeSync } from 'node:fs';

export interface BufferedDestinationOptions {
  /** Characters gathered before a write starts (default 16 KiB). */
  blockLength?: number;
  /** Longest a line waits when traffic is light (default 1000 ms). */
  flushIntervalMs?: number;
  /**
   * Characters kept while the descriptor does not take them (a stuck reader on a pipe);
   * past this, lines are dropped and counted rather than growing the heap without bound.
   */
  maxPendingLength?: number;
}

const RETRY_MS = 10;
const live = new Set<BufferedDestination>();
let exitHookInstalled = false;

export class BufferedDestination {
  /** Lines dropped because the descriptor stopped taking them. */
  dropped = 0;
  private unreported = 0;
  private pending = '';
  private writing = false;
  private ended = false;
  private flushWaiters: Array<(error?: Error) => void> = [];
  private readonly timer: NodeJS.Timeout;
  private readonly blockLength: number;
  private readonly maxPendingLength: number;

  constructor(
    private readonly fd: number,
    options: BufferedDestinationOptions = {},
  ) {
    this.blockLength = options.blockLength ?? 16_384;
    this.maxPendingLength = options.maxPendingLength ?? 64 * 1024 * 1024;
    this.timer = setInterval(() => {
      if (this.pending !== '' && !this.writing) this.startWrite();
    }, options.flushIntervalMs ?? 1_000);
    this.timer.unref();
    live.add(this);
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      // Lines still in memory when the process exits are written before it goes.
      process.once('exit', () => {
        for (const destination of live) destination.flushSync();
      });
    }
  }

  write(line: string): boolean {
    if (this.pending.length + line.length > this.maxPendingLength) {
      this.dropped += 1;
      this.unreported += 1;
      return false;
    }
    this.pending += line;
    if (!this.writing && this.pending.length >= this.blockLength) this.startWrite();
    return true;
  }

  /** Calls back once every line written so far has been handed to the descriptor. */
  flush(callback: (error?: Error) => void): void {
    if (this.pending === '' && !this.writing) {
      callback();
      return;
    }
    this.flushWaiters.push(callback);
    if (!this.writing) this.startWrite();
  }

  /** Writes what is gathered now, blocking; for exit, where nothing asynchronous runs. */
  flushSync(): void {
    if (this.pending === '') return;
    const bytes = Buffer.from(this.dropNote() + this.pending);
    this.pending = '';
    let offset = 0;
    for (let attempts = 0; offset < bytes.length && attempts < 1_000; attempts += 1) {
      try {
        offset += writeSync(this.fd, bytes, offset);
      } catch (error) {
        // A non-blocking pipe that is full: try again; anything else means the output is gone.
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') return;
      }
    }
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    clearInterval(this.timer);
    live.delete(this);
    this.flushSync();
  }

  private startWrite(): void {
    this.writing = true;
    const bytes = Buffer.from(this.dropNote() + this.pending);
    this.pending = '';
    this.writeFrom(bytes, 0);
  }

  private writeFrom(bytes: Buffer, offset: number): void {
    write(this.fd, bytes, offset, bytes.length - offset, null, (error, written) => {
      if (error !== null) {
        if (error.code === 'EAGAIN') {
          setTimeout(() => this.writeFrom(bytes, offset), RETRY_MS).unref();
          return;
        }
        // EPIPE, EBADF: the output is gone and nobody can be told; the lines are dropped.
        this.finishWrite(error);
        return;
      }
      if (offset + written < bytes.length) this.writeFrom(bytes, offset + written);
      else this.finishWrite(undefined);
    });
  }

  private finishWrite(error: Error | undefined): void {
    this.writing = false;
    if (this.pending.length >= this.blockLength || (this.pending !== '' && this.flushWaiters.length > 0)) {
      this.startWrite();
      return;
    }
    const waiters = this.flushWaiters;
    this.flushWaiters = [];
    for (const waiter of waiters) waiter(error);
  }

  /** One line saying how many were dropped, written ahead of the next block. */
  private dropNote(): string {
    if (this.unreported === 0) return '';
    const note = `${JSON.stringify({ level: 40, time: Date.now(), msg: 'log output was not keeping up: lines dropped', dropped: this.unreported })}\n`;
    this.unreported = 0;
    return note;
  }
}
