// What a passed-through stream delivered, for one cut short before its final usage
// (Anthropic's message_delta, Responses' response.completed): the text of its delta events
// counted with the token counter. The
// bytes are not parsed on the way through; a bounded sample is kept, and read only when the
// stream did not run to its end.

import { tokenCounter } from 'llmux';

const SAMPLE_BYTES = 16_384;
const SLICE_CHARS = 512;
/** The strings an Anthropic delta carries: text, tool input JSON, thinking. */
export const ANTHROPIC_DELTA_TEXT = /"(?:text|partial_json|thinking)":"((?:[^"\\]|\\.)*)"/g;
/** The string a Responses delta event carries (text, arguments, reasoning), not the `.done` repeats. */
export const RESPONSES_DELTA_TEXT = /"delta":"((?:[^"\\]|\\.)*)"/g;

export class DeliveredEvents {
  private readonly sample: Buffer[] = [];
  private sampled = 0;
  private total = 0;

  /** `deltaText`: a global pattern whose first group is one delta's JSON-escaped text. */
  constructor(private readonly deltaText: RegExp = ANTHROPIC_DELTA_TEXT) {}

  readonly add = (bytes: Buffer): void => {
    this.total += bytes.length;
    if (this.sampled >= SAMPLE_BYTES) return;
    this.sample.push(bytes);
    this.sampled += bytes.length;
  };

  /** Completion tokens in the deltas delivered: the sample's counted, scaled to all the bytes sent. */
  countTokens(model: string): number {
    if (this.total === 0) return 0;
    const text = Buffer.concat(this.sample).toString('utf8');
    let tokens = 0;
    for (const match of text.matchAll(this.deltaText)) {
      const delta = decodeJsonString(match[1] ?? '');
      for (let start = 0; start < delta.length; start += SLICE_CHARS) tokens += tokenCounter({ model, text: delta.slice(start, start + SLICE_CHARS) });
    }
    return this.sampled >= this.total ? tokens : Math.ceil((tokens * this.total) / this.sampled);
  }
}

function decodeJsonString(escaped: string): string {
  try {
    return JSON.parse(`"${escaped}"`) as string;
  } catch {
    return escaped;
  }
}
