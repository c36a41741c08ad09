// Finds the Response in a passed-through Responses stream's terminal event (response.completed
// or response.incomplete), as the bytes go by: frames are split on the blank line and only a
// terminal one is parsed, so a long stream costs a scan, not a JSON parse per event.

import { StringDecoder } from 'node:string_decoder';

const FRAME_END = /\r?\n\r?\n/;
const TERMINAL = /"type"\s*:\s*"response\.(?:completed|incomplete)"/;

export class FinalResponseReader {
  private readonly decoder = new StringDecoder('utf8');
  private buffered = '';
  /** Set once the terminal event went by. */
  response: Record<string, unknown> | undefined;

  readonly add = (bytes: Buffer): void => {
    if (this.response !== undefined) return;
    this.buffered += this.decoder.write(bytes);
    let match = FRAME_END.exec(this.buffered);
    while (match !== null) {
      const frame = this.buffered.slice(0, match.index);
      this.buffered = this.buffered.slice(match.index + match[0].length);
      if (TERMINAL.test(frame)) {
        this.response = parseFrame(frame);
        if (this.response !== undefined) return;
      }
      match = FRAME_END.exec(this.buffered);
    }
  };
}

function parseFrame(frame: string): Record<string, unknown> | undefined {
  const data = frame
    .split(/\r?\n/)
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(line.startsWith('data: ') ? 6 : 5))
    .join('\n');
  try {
    const event = JSON.parse(data) as { response?: unknown };
    return typeof event.response === 'object' && event.response !== null ? (event.response as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
