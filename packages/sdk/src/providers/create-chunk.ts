// A one-choice stream chunk, as every native stream converter sends them: the stream's id,
// created time and model on each, one delta and its finish reason (null until the last).

import type { ChatCompletionChunk, ChatCompletionChunkDelta, FinishReason } from '../spec/index.js';

export function createChunk(
  stream: { id: string; created: number; model: string },
  delta: ChatCompletionChunkDelta,
  finishReason: FinishReason | null = null,
): ChatCompletionChunk {
  return { id: stream.id, object: 'chat.completion.chunk', created: stream.created, model: stream.model, choices: [{ index: 0, delta, finish_reason: finishReason }] };
}
