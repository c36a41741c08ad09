// Splits passed-through SSE bytes into events without decoding what is only forwarded. Text
// is held as latin1 (one char per byte, so a UTF-8 character split across reads stays whole
// and byte patterns are plain string searches); a watcher looks at each read's whole events
// as one string and parses them into events only when they may hold what it reads. Event
// data is decoded as UTF-8 when it is handed over.

/** One server-sent event: its `event:` field (undefined when none) and its `data:` lines joined by `\n`. */
export interface SseEvent {
  event: string | undefined;
  data: string;
}

const BOM = '\u00ef\u00bb\u00bf';
const NON_ASCII = /[^\x00-\x7f]/;
const LINE_END = /\r\n|\r|\n/;

export class SseEventSplitter {
  /** The bytes after the last whole event, as latin1. */
  private pending = '';
  private first = true;

  /** One read's bytes: the whole events they end (with any held before), as latin1; '' when none ended. */
  take(chunk: Buffer): string {
    let text = this.pending === '' ? chunk.toString('latin1') : this.pending + chunk.toString('latin1');
    if (this.first) {
      // A BOM cut across reads waits for its last byte.
      if (text.length < BOM.length && BOM.startsWith(text)) {
        this.pending = text;
        return '';
      }
      this.first = false;
      if (text.startsWith(BOM)) text = text.slice(BOM.length);
    }
    // Nearly every read ends on an event's end: nothing to search for.
    const length = text.length;
    if (length >= 2 && text.charCodeAt(length - 1) === 0x0a && text.charCodeAt(length - 2) === 0x0a) {
      this.pending = '';
      return text;
    }
    const cut = wholeEventsEnd(text);
    this.pending = text.slice(cut);
    return text.slice(0, cut);
  }

  /** The bytes after the last whole event (the stream ended): a last event without its blank line. */
  rest(): string {
    const rest = this.pending;
    this.pending = '';
    return rest;
  }
}

/**
 * Where the last blank line ends: a line end followed by another (`\n\n`, `\r\r`, `\r\n\r\n`,
 * mixed). A `\r\n` split across reads may leave its `\n` for the next read, which then reads
 * as an empty line before any field: it ends no event.
 */
function wholeEventsEnd(text: string): number {
  const lf = text.lastIndexOf('\n\n');
  const cr = text.lastIndexOf('\r\r');
  const crlf = text.lastIndexOf('\n\r');
  let end = 0;
  if (lf !== -1) end = lf + 2;
  if (cr !== -1) end = Math.max(end, cr + 2);
  if (crlf !== -1) end = Math.max(end, text.charCodeAt(crlf + 2) === 0x0a ? crlf + 3 : crlf + 2);
  return end;
}

/** Calls `onEvent` for each event in `text` (latin1, as SseEventSplitter gives it), as the SSE spec reads them. */
export function forEachSseEvent(text: string, onEvent: (event: SseEvent) => void): void {
  let event: string | undefined;
  let data = '';
  let dataLines = 0;
  const dispatch = (): void => {
    if (dataLines > 0) onEvent({ event, data: NON_ASCII.test(data) ? Buffer.from(data, 'latin1').toString('utf8') : data });
    event = undefined;
    data = '';
    dataLines = 0;
  };
  // A string separator splits faster than a pattern; CR line ends are rare.
  for (const line of text.includes('\r') ? text.split(LINE_END) : text.split('\n')) {
    if (line === '') {
      dispatch();
      continue;
    }
    if (line.charCodeAt(0) === 0x3a) continue; // a comment
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(line.charCodeAt(colon + 1) === 0x20 ? colon + 2 : colon + 1);
    if (field === 'data') {
      data = dataLines === 0 ? value : `${data}\n${value}`;
      dataLines++;
    } else if (field === 'event') {
      event = value === '' ? undefined : value;
    }
  }
  // Text that does not end with a blank line (a stream's last event without one) still counts.
  dispatch();
}
