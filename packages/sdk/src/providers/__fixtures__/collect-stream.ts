// Test helpers shared by the provider suites that stream through completion(): read a
// stream to its end, pick the text deltas out of the chunks, and rebuild thinking blocks
// and tool calls the way ThinkingBlockDelta and the tool_call deltas document for clients.

import type { ChatCompletionChunk, ThinkingBlock } from '../../spec/index.js';

export async function collectStream<Chunk>(stream: AsyncIterable<Chunk>): Promise<Chunk[]> {
  const chunks: Chunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

/** The non-empty deltas of one text field, in order. */
export function streamedDeltas(chunks: ChatCompletionChunk[], field: 'content' | 'reasoning_content'): string[] {
  return chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.delta[field] ?? '')).filter((text) => text !== '');
}

/** The message's thinking_blocks, accumulated from the stream's fragments. */
export function rebuildThinkingBlocks(chunks: ChatCompletionChunk[]): ThinkingBlock[] {
  const blocks: ThinkingBlock[] = [];
  for (const fragment of chunks.flatMap((chunk) => chunk.choices.flatMap((choice) => choice.delta.thinking_blocks ?? []))) {
    const { index, ...block } = fragment;
    const current = blocks[index];
    if (current === undefined) blocks[index] = block;
    else if (current.type === 'thinking' && block.type === 'thinking') {
      blocks[index] = { ...current, thinking: current.thinking + block.thinking, signature: current.signature + block.signature };
    } else if (current.type === 'redacted_thinking' && block.type === 'redacted_thinking') {
      blocks[index] = { ...current, data: current.data + block.data };
    } else throw new Error(`thinking block ${index} changed type mid-stream`);
  }
  return blocks;
}

/** The tool calls, accumulated from their indexed deltas, as [index, call] entries in order of first sight. */
export function rebuildToolCalls(chunks: ChatCompletionChunk[]): [number, { id?: string; name?: string; arguments: string }][] {
  const calls = new Map<number, { id?: string; name?: string; arguments: string }>();
  for (const chunk of chunks) {
    for (const delta of chunk.choices[0]?.delta.tool_calls ?? []) {
      const call = calls.get(delta.index) ?? { arguments: '' };
      if (delta.id !== undefined) call.id = delta.id;
      if (delta.function?.name !== undefined) call.name = delta.function.name;
      call.arguments += delta.function?.arguments ?? '';
      calls.set(delta.index, call);
    }
  }
  return [...calls.entries()];
}
