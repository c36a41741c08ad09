// The error cases every passthrough suite registers: each upstream error reply, JSON and
// stream alike, must reject nativeCall() with its typed class, from the right provider and
// with the retry-after the reply sent, so the Router can retry or fall back before any byte goes out.

import { strict as assert } from 'node:assert';
import { it } from 'node:test';
import type { FakeChatReply } from '@llmux/fake-upstreams';
import type { LlmuxError, NativeReply } from '../../index.js';
import { isTypedError } from './native-fixtures.js';

export interface ErrorReplyCase {
  /** How the test names the upstream's answer, e.g. `429 rate_limit_error`. */
  label: string;
  reply: FakeChatReply;
  errorClass: abstract new (...args: never[]) => LlmuxError;
  /** The upstream's error code and wording, where the suite checks they reach the caller. */
  code?: string;
  message?: RegExp;
}

export interface ErrorReplySuite {
  /** Sets the fake's next reply. */
  answer(reply: FakeChatReply): void;
  call(stream: boolean): Promise<NativeReply>;
  provider: string;
}

export function itTypesErrorReplies(cases: readonly ErrorReplyCase[], { answer, call, provider }: ErrorReplySuite): void {
  for (const errorCase of cases) {
    for (const stream of [false, true]) {
      it(`turns a ${errorCase.label} into ${errorCase.errorClass.name}${stream ? ' (stream)' : ''}`, async () => {
        answer(errorCase.reply);
        const retryAfter = errorCase.reply.error?.headers?.['retry-after'];
        await assert.rejects(call(stream), (error: unknown) => {
          assert.ok(isTypedError(error, errorCase.errorClass, provider, retryAfter === undefined ? undefined : Number(retryAfter)) && error instanceof errorCase.errorClass);
          if (errorCase.code !== undefined) assert.equal(error.code, errorCase.code);
          if (errorCase.message !== undefined) assert.match(error.message, errorCase.message);
          return true;
        });
      });
    }
  }
}
