// How the Claude-style fakes (Anthropic, Bedrock Converse, Cohere) cut a reply into stream
// deltas: text word by word with its surrounding spaces, JSON arguments in three fragments.

/** "Hello from x" → ["Hello ", "from ", "x"]: several chunks, as a real model streams. */
export function splitWords(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? [text];
}

export function splitInThree(text: string): string[] {
  const size = Math.max(1, Math.ceil(text.length / 3));
  const pieces: string[] = [];
  for (let start = 0; start < text.length; start += size) pieces.push(text.slice(start, start + size));
  return pieces;
}
