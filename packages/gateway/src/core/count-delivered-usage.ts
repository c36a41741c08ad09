// Usage for a reply the upstream never reported usage for (a stream cut short, a hang-up
// before the usage chunk): completion tokens counted from the text delivered, prompt
// tokens from the request, with the SDK's token counter. Rough (no chat framing for the
// reply) but never zero for a reply that carried text.

import { tokenCounter, type ChatCompletionChunk, type ChatMessage, type Usage } from 'llmux';

/**
 * The first characters of a reply sampled for counting. Memory per open stream stays
 * bounded (a long stream keeps only this much), and so does the counting: BPE is quadratic
 * in a long run without spaces (16 K of "x" took 470 ms), so the sample is counted in slices.
 */
const SAMPLE_CHARS = 8_192;
const SLICE_CHARS = 512;

/** Collects how much text a client was sent, keeping a bounded sample of it. */
export class DeliveredText {
  private parts: string[] = [];
  private sampled = 0;
  private total = 0;

  readonly add = (chunk: ChatCompletionChunk): void => {
    for (const choice of chunk.choices) {
      const delta = choice.delta;
      if (typeof delta.content === 'string') this.note(delta.content);
      if (typeof delta.reasoning_content === 'string') this.note(delta.reasoning_content);
      if (delta.tool_calls !== undefined) {
        for (const call of delta.tool_calls) {
          if (call.function?.name !== undefined) this.note(call.function.name);
          if (call.function?.arguments !== undefined) this.note(call.function.arguments);
        }
      }
    }
  };

  note(text: string): void {
    this.total += text.length;
    if (this.sampled >= SAMPLE_CHARS || text === '') return;
    this.parts.push(text);
    this.sampled += text.length;
  }

  /** Tokens in the text delivered: the sample counted, scaled to the whole. */
  countTokens(model: string): number {
    if (this.total === 0) return 0;
    const sample = this.parts.join('').slice(0, SAMPLE_CHARS);
    let tokens = 0;
    for (let start = 0; start < sample.length; start += SLICE_CHARS) tokens += tokenCounter({ model, text: sample.slice(start, start + SLICE_CHARS) });
    return sample.length >= this.total ? tokens : Math.ceil((tokens * this.total) / sample.length);
  }
}

let warmed = false;

/**
 * Loads the tokenizer in the background when the first stream starts (50-150 ms of rank
 * tables, once), so that counting a cut-short stream later does not stall the event loop
 * at the moment a hang-up must release the upstream.
 */
export function warmTokenCounter(model: string): void {
  if (warmed) return;
  warmed = true;
  setImmediate(() => tokenCounter({ model, text: 'warm' }));
}

export function countDeliveredUsage(model: string, messages: readonly ChatMessage[] | undefined, delivered: DeliveredText): Usage {
  const prompt = messages === undefined ? 0 : tokenCounter({ model, messages: [...messages] });
  const completion = delivered.countTokens(model);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}
