// Test helpers shared by the provider suites that stream through completion(): read a
// stream to its end, and pick the text deltas out of the chunks.

import type { ChatCompletionChunk } from '../../spec/index.js';

export async function collectStream<Chunk>(stream: AsyncIterable<Chunk>): Promise<Chunk[]> {
  const chunks: Chunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

/** The non-empty deltas of one text field, in order. */
export function streamedDeltas(chunks: ChatCompletionChunk[], field: 'content' | 'reasoning_content'): string[] {
  return chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.delta[field] ?? '')).filter((text) => text !== '');
}
