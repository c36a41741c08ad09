// Azure's content-filter chunks carry nothing a client can use: the prompt-filter chunk
// before the reply (`choices: []`, already skipped by the OpenAI chunk converter) and, with
// asynchronous filtering, annotation chunks whose choices hold only `content_filter_results`
// and offsets, with `id: ""`. The filter verdicts are not part of the canonical format, so
// these chunks are dropped rather than passed on as empty deltas with no id.

import type { ChatCompletionChunk } from '../../spec/index.js';

export async function* dropAzureFilterChunks(chunks: AsyncIterable<ChatCompletionChunk>): AsyncGenerator<ChatCompletionChunk> {
  // Closing this generator early closes the inner stream too (for-await calls its return()).
  for await (const chunk of chunks) {
    if (!isFilterOnly(chunk)) yield chunk;
  }
}

function isFilterOnly(chunk: ChatCompletionChunk): boolean {
  if (chunk.usage !== undefined && chunk.usage !== null) return false;
  for (const choice of chunk.choices) {
    if (choice.finish_reason !== null || choice.logprobs !== undefined) return false;
    if (Object.keys(choice.delta).length > 0) return false;
  }
  return true;
}
