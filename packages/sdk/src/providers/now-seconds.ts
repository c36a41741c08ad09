// The `created` timestamp of canonical completions and chunks: Unix seconds, as OpenAI sends.

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
