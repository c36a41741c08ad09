// Where the gateway's log lines go: appended to a string in memory and handed to the file
// descriptor in 16 KiB blocks, one write(2) at a time on libuv's thread pool, so a line
// never waits on the terminal, a pipe or a disk inside the request path. Into a pipe each
// write carries whole lines of at most PIPE_BUF, so workers sharing stdout never split each
// other's lines. Light traffic is flushed every second; exit and end() write what is left
// synchronously.
//
// Why not pino's own destination (sonic-boom): on the request path it cost ~4 µs a line in
// its asynchronous mode (its per-write bookkeeping), this ~0.3 µs (docs/benchmarks.md,
// finding 8). Same contract for pino: write(string), flush(callback), flushSync(), end().

import { fstatSync, write, writeSync } from 'node:fs';

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
/**
 * The most a write to a pipe or socket may carry and still arrive whole (PIPE_BUF on Linux).
 * With `--num_workers`, every worker writes to the same stdout; a larger write into a pipe
 * (a container's log driver) can be split and interleaved with another worker's lines.
 */
const PIPE_BUF = 4096;
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
  /** The block being written and where its part not yet handed to write(2) starts. */
  private block: { bytes: Buffer; unsubmitted: number } | undefined;
  private readonly timer: NodeJS.Timeout;
  private readonly blockLength: number;
  private readonly maxPendingLength: number;
  private readonly maxWriteBytes: number;

  constructor(
    private readonly fd: number,
    options: BufferedDestinationOptions = {},
  ) {
    this.blockLength = options.blockLength ?? 16_384;
    this.maxPendingLength = options.maxPendingLength ?? 64 * 1024 * 1024;
    this.maxWriteBytes = isPipe(fd) ? PIPE_BUF : Number.POSITIVE_INFINITY;
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
    // The rest of a block being written (a pipe takes a block in parts), then the lines after it.
    const rest = this.block === undefined ? '' : this.block.bytes.subarray(this.block.unsubmitted).toString();
    this.block = undefined;
    if (rest === '' && this.pending === '') {
      this.releaseWaiters(undefined);
      return;
    }
    const bytes = Buffer.from(rest + this.dropNote() + this.pending);
    this.pending = '';
    let offset = 0;
    for (let attempts = 0; offset < bytes.length && attempts < 1_000; attempts += 1) {
      try {
        offset += writeSync(this.fd, bytes, offset, this.chunkLength(bytes, offset));
      } catch (error) {
        // A non-blocking pipe that is full: try again; anything else means the output is gone.
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') break;
      }
    }
    // Everything written so far is out: whoever waits on flush() may go on.
    this.releaseWaiters(undefined);
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
    const length = this.chunkLength(bytes, offset);
    this.block = { bytes, unsubmitted: offset + length };
    write(this.fd, bytes, offset, length, null, (error, written) => {
      // flushSync() (exit, end) wrote the rest of this block itself meanwhile.
      if (this.block?.bytes !== bytes) {
        this.writing = false;
        return;
      }
      if (error !== null) {
        if (error.code === 'EAGAIN') {
          this.block.unsubmitted = offset;
          setTimeout(() => {
            if (this.block?.bytes === bytes) this.writeFrom(bytes, offset);
            else this.writing = false;
          }, RETRY_MS).unref();
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
    this.block = undefined;
    if (this.pending.length >= this.blockLength || (this.pending !== '' && this.flushWaiters.length > 0)) {
      this.startWrite();
      return;
    }
    this.releaseWaiters(error);
  }

  private releaseWaiters(error: Error | undefined): void {
    const waiters = this.flushWaiters;
    this.flushWaiters = [];
    for (const waiter of waiters) waiter(error);
  }

  /** All that is left, or into a pipe whole lines up to PIPE_BUF (a longer line alone). */
  private chunkLength(bytes: Buffer, offset: number): number {
    const left = bytes.length - offset;
    if (left <= this.maxWriteBytes) return left;
    const lastNewline = bytes.lastIndexOf(0x0a, offset + this.maxWriteBytes - 1);
    if (lastNewline >= offset) return lastNewline + 1 - offset;
    const nextNewline = bytes.indexOf(0x0a, offset);
    return nextNewline === -1 ? left : nextNewline + 1 - offset;
  }

  /** One line saying how many were dropped, written ahead of the next block. */
  private dropNote(): string {
    if (this.unreported === 0) return '';
    const note = `${JSON.stringify({ level: 40, time: Date.now(), msg: 'log output was not keeping up: lines dropped', dropped: this.unreported })}\n`;
    this.unreported = 0;
    return note;
  }
}

function isPipe(fd: number): boolean {
  try {
    const stat = fstatSync(fd);
    return stat.isFIFO() || stat.isSocket();
  } catch {
    return false;
  }
}
