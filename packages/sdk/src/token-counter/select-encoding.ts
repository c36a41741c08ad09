// Which tokenizer an OpenAI model uses. Models of other providers have their own
// tokenizers that we do not ship; o200k_base (the current OpenAI one) stands in for them.

export type EncodingName = 'o200k_base' | 'cl100k_base';

/** First matching prefix wins, so the o200k families precede the `gpt-4` prefix. */
const ENCODING_BY_PREFIX: ReadonlyArray<readonly [prefix: string, encoding: EncodingName]> = [
  ['gpt-4o', 'o200k_base'],
  ['gpt-4.1', 'o200k_base'],
  ['gpt-4.5', 'o200k_base'],
  ['gpt-4', 'cl100k_base'],
  ['gpt-35', 'cl100k_base'],
  ['gpt-3.5', 'cl100k_base'],
  ['text-embedding-', 'cl100k_base'],
  ['davinci-002', 'cl100k_base'],
  ['babbage-002', 'cl100k_base'],
];

export function selectEncoding(model: string): EncodingName {
  // `openai/gpt-4`, `azure/gpt-35-turbo`, `openrouter/openai/gpt-4`: the last segment names the model.
  const name = model.slice(model.lastIndexOf('/') + 1).toLowerCase();
  for (const [prefix, encoding] of ENCODING_BY_PREFIX) {
    if (name.startsWith(prefix)) return encoding;
  }
  return 'o200k_base';
}
