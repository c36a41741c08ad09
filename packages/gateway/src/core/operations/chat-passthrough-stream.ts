// Writes a passed-through OpenAI chat stream as the translated path would write it: the
// upstream's events as they come, except
//   - the usage chunk (`"choices":[]` with usage), which llmux asked for to price the call,
//     is left out when the client did not ask for it (`stream_options.include_usage`);
//   - an upstream error event becomes the gateway's own terminal error event (its class
//     recorded, the call billed as cut short), as a translated stream ends;
//   - a stream that ended on its finish_reason without `[DONE]` gets one.
// Chunks holding whole events and neither of the first two (nearly all of them) go out as
// the same Buffer; only the rare others are split into events.

import { SSE_DONE, type NativeStreamReply } from 'llmux';
import type { RequestContext } from '../../http/request-context.js';
import type { Dialect } from '../dialect.js';
import type { StreamEncoder } from '../write-stream.js';
import { hasNullFingerprint, withChunkObjectNamed, withoutNullFingerprint } from './chat-schema-conform.js';
import { leadingReplyId } from './chat-passthrough.js';

const EVENT_END = '\n\n';
const ERROR_DATA = 'data: {"error"';
const EMPTY_CHOICES = '"choices":[]';
const USAGE = '"usage":{';
// Searched in every chunk as bytes: a Buffer needle, which a string one would be converted to on each search.
const ERROR_DATA_BYTES = Buffer.from(ERROR_DATA);
const EMPTY_CHOICES_BYTES = Buffer.from(EMPTY_CHOICES);
const USAGE_BYTES = Buffer.from(USAGE);
const EVENT_END_BYTES = Buffer.from(EVENT_END);
const DONE_AT_END = /data: \[DONE\]\s*$/;
/** Enough of the last bytes to see `data: [DONE]\n\n`. */
const TAIL_CHARS = 24;

export class ChatPassthroughEncoder implements StreamEncoder<Buffer> {
  /** Bytes after the last whole event, as latin1 (one char per byte: a UTF-8 character cut across reads stays whole). */
  private pending = '';
  private tail = '';
  private failure: unknown;
  private first = true;
  private nullFingerprint = false;
  /** Chunks still read for the reply's id (see readHead). */
  private headChunksLeft = 3;

  constructor(
    private readonly context: RequestContext,
    private readonly dialect: Dialect,
    reply: NativeStreamReply,
    /** The client asked for the usage chunk; else it is left out. */
    private readonly includeUsage: boolean,
  ) {
    reply.onEnd((_usage, error) => {
      this.failure = error;
    });
  }

  readonly chunk = (received: Buffer): string | Buffer => {
    const head = this.headChunksLeft > 0 ? this.readHead(received) : received;
    const bytes = this.nullFingerprint ? withoutNullFingerprint(head) : head;
    if (this.pending === '' && !bytes.includes(ERROR_DATA_BYTES) && endsWithEventEnd(bytes)) {
      const out = this.includeUsage ? bytes : withoutUsageEvent(bytes);
      this.keepTail(out.toString('latin1', Math.max(0, out.length - TAIL_CHARS)));
      return out;
    }
    const text = this.pending + bytes.toString('latin1');
    const cut = text.lastIndexOf(EVENT_END);
    if (cut === -1) {
      this.pending = text;
      return '';
    }
    this.pending = text.slice(cut + EVENT_END.length);
    let out = '';
    for (const event of text.slice(0, cut).split(EVENT_END)) {
      if (this.hidden(event)) continue;
      out += event + EVENT_END;
    }
    this.keepTail(out);
    return Buffer.from(out, 'latin1');
  };

  readonly end = (): string => {
    const rest = this.pending === '' || this.hidden(this.pending) ? '' : `${Buffer.from(this.pending, 'latin1').toString('utf8')}${EVENT_END}`;
    if (this.failure !== undefined) {
      this.context.call.callEnd = 'upstream_cut';
      return rest + this.dialect.streamError(this.context, this.failure);
    }
    this.keepTail(rest);
    return DONE_AT_END.test(this.tail) ? rest : rest + SSE_DONE;
  };

  /**
   * The stream's head, up to the first chunk with the reply's id: it names the id for the spend
   * row (Azure's first chunk, its prompt-filter results, has `"id":""` and `"object":""`), and
   * shows whether the server writes null fingerprints. One that does writes them in every chunk;
   * the others' chunks are not scanned for them.
   */
  private readHead(received: Buffer): Buffer {
    const bytes = this.first ? withChunkObjectNamed(received) : received;
    this.first = false;
    this.nullFingerprint ||= hasNullFingerprint(bytes);
    const id = leadingReplyId(bytes);
    this.headChunksLeft = id === undefined ? this.headChunksLeft - 1 : 0;
    if (id !== undefined) this.context.call.responseId = id;
    return bytes;
  }

  private hidden(event: string): boolean {
    const data = event.trimStart();
    if (data.startsWith(ERROR_DATA)) return true;
    return !this.includeUsage && data.includes(EMPTY_CHOICES) && data.includes(USAGE);
  }

  private keepTail(text: string): void {
    if (text === '') return;
    this.tail = text.length >= TAIL_CHARS ? text.slice(-TAIL_CHARS) : (this.tail + text).slice(-TAIL_CHARS);
  }
}

/**
 * Whole events' bytes without the usage chunk (an event holding `"choices":[]` and
 * `"usage":{`), cut by byte position: one read usually holds a whole short answer, and only
 * that event is looked at. Events are what the text path splits on `\n\n` from the left.
 */
function withoutUsageEvent(bytes: Buffer): Buffer {
  let from = 0;
  let out = bytes;
  for (;;) {
    const at = out.indexOf(EMPTY_CHOICES_BYTES, from);
    if (at === -1) return out;
    const start = eventStart(out, at);
    const end = out.indexOf(EVENT_END_BYTES, at) + EVENT_END_BYTES.length;
    if (!out.subarray(start, end).includes(USAGE_BYTES)) {
      from = end;
      continue;
    }
    out = Buffer.concat([out.subarray(0, start), out.subarray(end)]);
    from = start;
  }
}

/**
 * Where the event holding byte `at` starts: after the last `\n\n` before it, as a split from
 * the left pairs a run of newlines (an odd one leaves its last `\n` to the event).
 */
function eventStart(bytes: Buffer, at: number): number {
  const pair = bytes.lastIndexOf(EVENT_END_BYTES, at);
  if (pair === -1) return 0;
  let runStart = pair;
  while (runStart > 0 && bytes[runStart - 1] === 0x0a) runStart--;
  const runEnd = pair + 2;
  return runStart + 2 * Math.floor((runEnd - runStart) / 2);
}

function endsWithEventEnd(bytes: Buffer): boolean {
  const length = bytes.length;
  return length >= 2 && bytes[length - 1] === 0x0a && bytes[length - 2] === 0x0a;
}
