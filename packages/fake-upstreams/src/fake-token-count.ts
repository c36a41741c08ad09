// Token counts for the fakes' usage fields: whitespace-separated words stand in for a
// tokenizer, so tests can predict the numbers.

export function fakeTokenCount(text: string): number {
  return Math.max(1, text.split(/\s+/).filter((word) => word !== '').length);
}
