// A bounded queue that sends its items in batches, off the request path: a push is an array
// append; sending happens on a timer or when a batch fills, one batch in flight at a time,
// retried with exponential backoff. A full queue drops the new item and counts it, so a
// dead collector costs memory up to `capacity` and never slows requests.

type QueueOutcome = 'sent' | 'failed' | 'dropped';

export interface BatchQueueOptions<T> {
  send(batch: T[]): Promise<void>;
  onOutcome(outcome: QueueOutcome, count: number, error?: unknown): void;
  capacity?: number;
  batchSize?: number;
  flushIntervalMs?: number;
  maxRetries?: number;
  retryBaseMs?: number;
}

export class BatchQueue<T> {
  private items: T[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private closing = false;
  private readonly capacity: number;
  private readonly batchSize: number;
  private readonly flushIntervalMs: number;
  private readonly maxRetries: number;
  private readonly retryBaseMs: number;

  constructor(private readonly options: BatchQueueOptions<T>) {
    this.capacity = options.capacity ?? 10_000;
    this.batchSize = options.batchSize ?? 100;
    this.flushIntervalMs = options.flushIntervalMs ?? 1_000;
    this.maxRetries = options.maxRetries ?? 3;
    this.retryBaseMs = options.retryBaseMs ?? 500;
  }

  push(item: T): void {
    if (this.items.length >= this.capacity) {
      this.options.onOutcome('dropped', 1);
      return;
    }
    this.items.push(item);
    // A flush never rejects: each batch's failure is reported through onOutcome.
    if (this.items.length >= this.batchSize) void this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.flushIntervalMs).unref();
  }

  /** Starts sending what is queued (if no batch is in flight already). */
  flush(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.flushing ??= this.drain().finally(() => {
      this.flushing = undefined;
      if (this.items.length > 0 && !this.closing) this.timer ??= setTimeout(() => this.flush(), this.flushIntervalMs).unref();
    });
    return this.flushing;
  }

  /** Sends what is left; retries at shutdown do not wait out their backoff. */
  async close(): Promise<void> {
    this.closing = true;
    await this.flush();
    if (this.items.length > 0) await this.flush();
  }

  private async drain(): Promise<void> {
    while (this.items.length > 0) await this.sendWithRetries(this.items.splice(0, this.batchSize));
  }

  private async sendWithRetries(batch: T[]): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await this.options.send(batch);
        this.options.onOutcome('sent', batch.length);
        return;
      } catch (error) {
        if (attempt >= this.maxRetries) {
          this.options.onOutcome('failed', batch.length, error);
          return;
        }
        // At shutdown, retry at once: the process should not linger on a backoff.
        if (!this.closing) await new Promise((resolve) => setTimeout(resolve, this.retryBaseMs * 2 ** attempt));
      }
    }
  }
}
