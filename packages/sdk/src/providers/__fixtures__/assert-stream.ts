// Assertions the provider streaming suites share: a plain text stream opens with the
// assistant's role and is one stream that ends in a usage-only chunk, and a stream cut before
// its last event fails after what it sent.

import { strict as assert } from 'node:assert';
import { APIConnectionError } from '../../errors/error-classes.js';
import type { ChatCompletionChunk, Usage } from '../../spec/index.js';
import { streamedDeltas } from './collect-stream.js';

/** The text stream yields `deltas` after the assistant's role, and ends in `usage`, which the result reports too. */
export function assertTextStream(result: { readonly usage: Usage | undefined }, chunks: ChatCompletionChunk[], expected: { model: string; deltas: string[]; usage: Usage }): void {
  assert.deepEqual(chunks[0]?.choices[0]?.delta, { role: 'assistant', content: '' });
  assert.deepEqual(streamedDeltas(chunks, 'content'), expected.deltas);
  assertOneStream(chunks, expected.model, expected.usage);
  assert.deepEqual(result.usage, expected.usage);
}

/** Every chunk carries the first chunk's id and the model; the last carries only the usage. */
function assertOneStream(chunks: ChatCompletionChunk[], model: string, usage: Usage): void {
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
