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

export function loadEncoding(name: EncodingName): CountTextTokens {
  let count = counters.get(name);
  if (count === undefined) {
    const encoding = require(`gpt-tokenizer/encoding/${name}`) as typeof EncodingModule;
    count = (text) => (text === '' ? 0 : encoding.countTokens(text, AS_PLAIN_TEXT));
    counters.set(name, count);
  }
  return count;
}
