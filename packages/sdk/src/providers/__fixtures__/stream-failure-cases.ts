// The stream failure cases every provider's completion() must pass, registered as tests
// inside a provider's describe: an upstream error before any content is thrown by
// completion() itself (so the Router can retry and fall back), one after content is thrown
// by the iterator after the content before it, a dropped connection is APIConnectionError,
// a pre-stream HTTP error has its typed class, the usage chunk is hidden unless asked, and
// a caller that stops early releases the connection.

import { strict as assert } from 'node:assert';
import { it } from 'node:test';
import type { FakeChatReply } from '@llmux/fake-upstreams';
import { APIConnectionError } from '../../errors/error-classes.js';
import type { LlmuxError } from '../../errors/llmux-error.js';
import type { CompletionStream } from '../../completion-stream.js';
import { collectStream, streamedDeltas } from './collect-stream.js';
import type { FakeUpstreamSuite } from './use-fake-upstream.js';

type ErrorClass = abstract new (...args: never[]) => LlmuxError;

export interface StreamFailureCases {
  upstream: FakeUpstreamSuite;
  /** Starts a stream with the suite's defaults. */
  stream: () => Promise<CompletionStream>;
  /** How the provider reports a failure inside a stream (an error event or line), and its wording. */
  inStream: { errorClass: ErrorClass; message?: RegExp };
  /** A failing HTTP reply before the stream, in the provider's wire shape, and its class. */
  beforeStream: { reply: FakeChatReply; errorClass: ErrorClass };
}

export function itHandlesStreamFailures({ upstream, stream, inStream, beforeStream }: StreamFailureCases): void {
  it('hides the usage chunk unless asked, but still records usage', async () => {
    const result = await stream();
    assert.equal((await collectStream(result)).some((chunk) => chunk.usage), false);
    assert.equal(result.usage?.completion_tokens, 5, "the fake's default reply");
  });

  it('throws a stream error from completion() when it arrives before any content', async () => {
    upstream.reply = { content: 'never shown', failAfterChunks: 0 };
    await assert.rejects(stream(), (error: unknown) => error instanceof inStream.errorClass && error.retryable && (inStream.message?.test(error.message) ?? true));
  });

  it('throws a stream error from the iterator after content began, after that content', async () => {
    upstream.reply = { content: 'one two three four five', failAfterChunks: 2 };
    const result = await stream();
    const seen: string[] = [];
    await assert.rejects(async () => {
      for await (const chunk of result) seen.push(chunk.choices[0]?.delta.content ?? '');
    }, inStream.errorClass);
    assert.equal(seen.join(''), 'one two ');
  });

  it('throws APIConnectionError when the connection drops mid-stream', async () => {
    upstream.reply = { content: 'one two three four five', dropAfterChunks: 2 };
    await assert.rejects(collectStream(await stream()), APIConnectionError);
  });

  it('throws a pre-stream HTTP error from completion()', async () => {
    upstream.reply = beforeStream.reply;
    await assert.rejects(stream(), beforeStream.errorClass);
  });

  it('releases the connection when the caller stops early', async () => {
    upstream.reply = { content: 'a b c d e f g h' };
    for await (const chunk of await stream()) {
      if (chunk.choices[0]?.delta.content) break;
    }
    upstream.reply = { content: 'a b c d e f g h' };
    assert.equal(streamedDeltas(await collectStream(await stream()), 'content').length, 8);
  });
}
