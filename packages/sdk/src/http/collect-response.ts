// Reads a whole upstream reply into one Buffer straight from undici's dispatch, for calls
// whose body is wanted whole (a complete chat reply passed through as bytes). `request()`
// builds an AsyncResource and a Readable stream per reply, pushes each chunk through it and
// concatenates at the end; here the chunks go into an array and are joined once (issue #19:
// ~4 % of a passed-through chat call's CPU was that stream).
//
// The handler speaks undici's own callback protocol (onConnect/onHeaders/onData/onComplete),
// which its clients run natively; the newer controller protocol is wrapped into this one
// inside undici (UnwrapHandler), an extra object per call.

import type { Dispatcher } from 'undici';

export interface WholeResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export class CollectResponse implements Dispatcher.DispatchHandler {
  private status = 0;
  private headers: Record<string, string | string[] | undefined> = {};
  private readonly chunks: Buffer[] = [];
  private length = 0;
  private abort: ((error?: Error) => void) | undefined;
  private stopListening: (() => void) | undefined;

  constructor(
    private readonly resolve: (response: WholeResponse) => void,
    private readonly reject: (error: unknown) => void,
    private readonly signal: AbortSignal | undefined,
  ) {
    if (signal !== undefined && !signal.aborted) {
      const onAbort = (): void => this.abort?.(signal.reason as Error);
      signal.addEventListener('abort', onAbort, { once: true });
      this.stopListening = () => signal.removeEventListener('abort', onAbort);
    }
  }

  onConnect(abort: (error?: Error) => void): void {
    // undici calls this again when it retries on a new connection: the latest abort wins.
    if (this.signal?.aborted === true) abort(this.signal.reason as Error);
    else this.abort = abort;
  }

  onHeaders(status: number, rawHeaders: Buffer[]): boolean {
    if (status < 200) return true; // 1xx informational: the real answer follows.
    this.status = status;
    this.headers = parseRawHeaders(rawHeaders);
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.chunks.push(chunk);
    this.length += chunk.length;
    return true;
  }

  onComplete(): void {
    this.stopListening?.();
    const body = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks, this.length);
    this.resolve({ status: this.status, headers: this.headers, body });
  }

  onError(error: Error): void {
    this.stopListening?.();
    this.reject(error);
  }
}

/** undici's raw `[name, value, name, value…]` as Node's header object: names lower-cased, repeats as a list. */
function parseRawHeaders(raw: Buffer[]): Record<string, string | string[] | undefined> {
  const headers: Record<string, string | string[] | undefined> = {};
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = (raw[index] as Buffer).toString('latin1').toLowerCase();
    const value = (raw[index + 1] as Buffer).toString('utf8');
    const seen = headers[name];
    if (seen === undefined) headers[name] = value;
    else if (Array.isArray(seen)) seen.push(value);
    else headers[name] = [seen, value];
  }
  return headers;
}
