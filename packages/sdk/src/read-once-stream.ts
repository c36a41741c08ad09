// What every stream llmux hands a caller keeps to, whatever its chunks are: it is read once
// (a second iteration throws rather than silently seeing nothing), cancel() and the
// iterator's return() release the upstream, a failure of the source ends the stream before
// it is rethrown, and the end is told once. Subclasses say what a step yields and who hears the end.

export const END_OF_STREAM: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

export abstract class ReadOnceStream<Item> implements AsyncIterable<Item> {
  private started = false;
  protected ended = false;

  /** `name` goes in the error a second iteration throws, e.g. `completion stream`. */
  protected constructor(
    private readonly name: string,
    protected readonly source: AsyncIterator<Item>,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<Item> {
    if (this.started) throw new Error(`a ${this.name} can be iterated only once`);
    this.started = true;
    return { next: () => this.next(), return: () => this.stop() };
  }

  /** Abandons the stream and releases the upstream connection. */
  async cancel(): Promise<void> {
    await this.stop();
  }

  protected abstract next(): Promise<IteratorResult<Item>>;

  /** Runs once, at the first end: read to its end (`error` undefined), failed, or cancelled. */
  protected abstract whenEnded(error: unknown): void;

  protected end(error: unknown): void {
    if (this.ended) return;
    this.ended = true;
    this.whenEnded(error);
  }

  protected readonly onFailure = (error: unknown): never => {
    this.end(error);
    throw error;
  };

  protected async stop(): Promise<IteratorResult<Item>> {
    try {
      if (!this.ended) await this.source.return?.();
    } finally {
      this.end(undefined);
    }
    return END_OF_STREAM;
  }
}
