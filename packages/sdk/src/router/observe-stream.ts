// Lets the router see a stream end (to release its in-flight slot and count tokens) or fail
// after the commit point (to count the failure against the deployment), without changing
// what the caller iterates.

import type { CompletionStream } from '../completion-stream.js';
import type { ChatCompletionChunk, Usage } from '../spec/index.js';

export function observeStream(stream: CompletionStream, onEnd: (usage: Usage | undefined, error: unknown) => void): void {
  let ended = false;
  const finish = (error: unknown): void => {
    if (ended) return;
    ended = true;
    onEnd(stream.usage, error);
  };
  const iterate = stream[Symbol.asyncIterator].bind(stream);
  const cancel = stream.cancel.bind(stream);
  Object.defineProperty(stream, Symbol.asyncIterator, {
    configurable: true,
    value: async function* observed(): AsyncGenerator<ChatCompletionChunk> {
      let failure: unknown;
      try {
        yield* iterate();
      } catch (error) {
        failure = error;
        throw error;
      } finally {
        finish(failure);
      }
    },
  });
  stream.cancel = async () => {
    try {
      await cancel();
    } finally {
      finish(undefined);
    }
  };
}
