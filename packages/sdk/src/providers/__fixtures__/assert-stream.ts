// Assertions the provider streaming suites share: every chunk belongs to one stream that
// ends in a usage-only chunk, and a stream cut before its last event fails after what it sent.

import { strict as assert } from 'node:assert';
import { APIConnectionError } from '../../errors/error-classes.js';
import type { ChatCompletionChunk, Usage } from '../../spec/index.js';

/** Every chunk carries the first chunk's id and the model; the last carries only the usage. */
export function assertOneStream(chunks: ChatCompletionChunk[], model: string, usage: Usage): void {
  for (const chunk of chunks) {
    assert.equal(chunk.object, 'chat.completion.chunk');
    assert.equal(chunk.model, model);
    assert.equal(chunk.id, chunks[0]?.id);
  }
  assert.deepEqual(chunks.at(-1), { id: chunks[0]?.id, object: 'chat.completion.chunk', created: chunks[0]?.created, model, choices: [], usage });
}

/** The stream yields `textBefore`, then fails with APIConnectionError saying it ended early. */
export async function assertEndsEarly(stream: AsyncIterable<ChatCompletionChunk>, textBefore: string): Promise<void> {
  const seen: string[] = [];
  await assert.rejects(
    async () => {
      for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? '');
    },
    (error: unknown) => error instanceof APIConnectionError && /ended early/.test(error.message),
  );
  assert.equal(seen.join(''), textBefore);
}
