// Loads a tokenizer on first use. Its rank tables take 50-150 ms to build, so importing
// the SDK must not load them; `require` keeps tokenCounter() synchronous while still
// loading only the one encoding a caller needs.

import { createRequire } from 'node:module';
import type * as EncodingModule from 'gpt-tokenizer/encoding/o200k_base';
import type { EncodingName } from './select-encoding.js';

export type CountTextTokens = (text: string) => number;

const require = createRequire(import.meta.url);
const counters = new Map<EncodingName, CountTextTokens>();

/** Special-token strings in user text are plain text to the model, never control tokens. */
const AS_PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

/**
 * BPE merges cost the square of a word's length: 70,000 characters without a space took
 * 18 s of blocked event loop (a hostile prompt, issue 15). Runs longer than this are counted
 * in pieces of this length; natural text has no such runs and is counted exactly, and a
 * split changes the count by about one token per piece.
 */
const LONGEST_RUN = 128;
const LONG_RUN = new RegExp(`\\S{${LONGEST_RUN}}`, 'g');

function countInPieces(text: string, countTokens: (piece: string) => number): number {
  let tokens = 0;
  let last = 0;
  for (const match of text.matchAll(LONG_RUN)) {
    if (match.index > last) tokens += countTokens(text.slice(last, match.index));
    tokens += countTokens(match[0]);
    last = match.index + match[0].length;
  }
  return last === 0 ? countTokens(text) : tokens + (last < text.length ? countTokens(text.slice(last)) : 0);
}

export function loadEncoding(name: EncodingName): CountTextTokens {
  let count = counters.get(name);
  if (count === undefined) {
    const encoding = require(`gpt-tokenizer/encoding/${name}`) as typeof EncodingModule;
    const countTokens = (piece: string): number => encoding.countTokens(piece, AS_PLAIN_TEXT);
    count = (text) => (text === '' ? 0 : countInPieces(text, countTokens));
    counters.set(name, count);
  }
  return count;
}
