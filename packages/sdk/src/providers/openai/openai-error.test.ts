// OpenAI-format failures → typed errors: HTTP error statuses, errors inside streams,
// dropped connections, missing keys, and keys echoed back by the upstream.

import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { startFakeOpenAIUpstream, type FakeChatReply, type FakeServer } from '@llmux/fake-upstreams';
import {
  APIConnectionError,
  AuthenticationError,
  BadRequestError,
  ContentPolicyViolationError,
  ContextWindowExceededError,
  InternalServerError,
  RateLimitError,
  completion,
} from '../../index.js';
import { parseOpenAIError } from './openai-error.js';
import { withSavedEnv } from '../__fixtures__/saved-env.js';

const API_KEY = 'sk-test-error-key-abcdef';

function errorReply(status: number, error: Record<string, unknown>, headers?: Record<string, string>): FakeChatReply {
  return { error: { status, body: { error: { param: null, code: null, ...error } }, headers } };
}

describe('openai adapter errors', () => {
  let fake: FakeServer;
  let next: FakeChatReply = {};
  const call = (extra: Record<string, unknown> = {}) =>
    completion({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'x' }], api_base: `${fake.url}/v1`, api_key: API_KEY, ...extra });
  const callStream = () => completion({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'x' }], api_base: `${fake.url}/v1`, api_key: API_KEY, stream: true });

  before(async () => {
    fake = await startFakeOpenAIUpstream({ apiKey: API_KEY, reply: () => next });
  });
  after(() => fake.close());

  it('maps 401 to AuthenticationError', async () => {
    await assert.rejects(call({ api_key: 'sk-wrong-key-0000000000' }), (error: unknown) => {
      assert.ok(error instanceof AuthenticationError);
      assert.equal(error.status, 401);
      assert.equal(error.code, 'invalid_api_key');
      assert.equal(error.provider, 'openai');
      assert.equal(error.fallbackAllowed, true);
      return true;
    });
  });

  it('maps 429 to RateLimitError with retry-after', async () => {
    next = errorReply(429, { message: 'Rate limit reached for requests', type: 'requests', code: 'rate_limit_exceeded' }, { 'retry-after': '7' });
    await assert.rejects(call(), (error: unknown) => {
      assert.ok(error instanceof RateLimitError);
      assert.equal(error.retryAfterSeconds, 7);
      assert.equal(error.code, 'rate_limit_exceeded');
      assert.equal(error.retryable, true);
      return true;
    });
  });

  it('maps a context-length 400 to ContextWindowExceededError', async () => {
    next = errorReply(400, {
      message: "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens.",
      type: 'invalid_request_error',
      param: 'messages',
      code: 'context_length_exceeded',
    });
    await assert.rejects(call(), (error: unknown) => {
      assert.ok(error instanceof ContextWindowExceededError);
      assert.equal(error.param, 'messages');
      assert.equal(error.fallbackAllowed, true);
      return true;
    });
    // Servers that send no code are recognised by the message.
    next = errorReply(400, { message: "This model's maximum context length is 4096 tokens.", type: 'BadRequestError', code: 400 });
    await assert.rejects(call(), ContextWindowExceededError);
  });

  it('maps a content filter 400 to ContentPolicyViolationError', async () => {
    next = errorReply(400, { message: 'The response was filtered due to the prompt triggering content management policy.', type: null, param: 'prompt', code: 'content_filter' });
    await assert.rejects(call(), ContentPolicyViolationError);
  });

  it('maps other 400s to BadRequestError with the upstream code and param', async () => {
    next = errorReply(400, { message: "Unsupported parameter: 'max_tokens'", type: 'invalid_request_error', param: 'max_tokens', code: 'unsupported_parameter' });
    await assert.rejects(call(), (error: unknown) => {
      assert.ok(error instanceof BadRequestError && !(error instanceof ContextWindowExceededError));
      assert.equal(error.param, 'max_tokens');
      assert.equal(error.code, 'unsupported_parameter');
      return true;
    });
  });

  it('redacts a key the upstream echoes back', async () => {
    next = errorReply(500, { message: `internal failure for key ${API_KEY}`, type: 'server_error' });
    await assert.rejects(call(), (error: unknown) => {
      assert.ok(error instanceof InternalServerError);
      assert.doesNotMatch(error.message, new RegExp(API_KEY));
      // Only the kind survives, no character of the key itself (issue 15, finding 7).
      assert.match(error.message, /internal failure for key sk-\*\*\*\*$/);
      return true;
    });
  });

  it('fails before sending when no key is set, naming the environment variable', async () => {
    await withSavedEnv(['OPENAI_API_KEY'], async () => {
      delete process.env['OPENAI_API_KEY'];
      const sentBefore = fake.requests.length;
      await assert.rejects(completion({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] }), (error: unknown) => {
        assert.ok(error instanceof AuthenticationError);
        assert.match(error.message, /OPENAI_API_KEY/);
        return true;
      });
      assert.equal(fake.requests.length, sentBefore);
    });
  });

  it('throws a mid-stream error event from the iterator', async () => {
    next = { content: 'one two three four', failAfterChunks: 2 };
    const stream = await callStream();
    const seen: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? '');
      })(),
      (error: unknown) => error instanceof InternalServerError && /server had an error/.test(error.message),
    );
    assert.equal(seen.join(''), 'one two');
  });

  it('throws an error event sent before any content from completion() itself', async () => {
    next = { content: 'one two', failAfterChunks: 0 };
    await assert.rejects(callStream(), InternalServerError);
  });

  it('turns a dropped connection into an error, never a silent truncation', async () => {
    next = { content: 'one two three four', dropAfterChunks: 2 };
    const stream = await callStream();
    const seen: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? '');
      })(),
      APIConnectionError,
    );
    assert.equal(seen.join(''), 'one two');
  });
});

describe('parseOpenAIError', () => {
  it('reads the OpenAI envelope', () => {
    const parsed = parseOpenAIError({ error: { message: 'bad', type: 'invalid_request_error', param: 'x', code: 'c' } }, '', 400);
    assert.deepEqual(parsed, { message: 'bad', code: 'c', param: 'x', kind: undefined });
  });

  it("reads Mistral's flat envelope, with a string or an object message", () => {
    const flat = parseOpenAIError(
      { object: 'error', message: 'Tool call id was call_1 but must be a-z, A-Z, 0-9, with a length of 9.', type: 'invalid_function_call', param: null, code: '3280' },
      '',
      400,
    );
    assert.equal(flat.message, 'Tool call id was call_1 but must be a-z, A-Z, 0-9, with a length of 9.');
    assert.equal(flat.code, '3280');
    const detailed = parseOpenAIError(
      { object: 'error', message: { detail: [{ type: 'extra_forbidden', loc: ['body', 'logit_bias'] }] }, type: 'invalid_request_error', param: null, code: null },
      '',
      422,
    );
    assert.match(detailed.message, /extra_forbidden/);
    assert.equal(detailed.code, 'invalid_request_error');
  });

  it('falls back to the body text', () => {
    assert.deepEqual(parseOpenAIError(undefined, ' upstream exploded \n', 502), { message: 'upstream exploded' });
  });

  it('does not read a 429 about tokens as a context-window error', () => {
    const parsed = parseOpenAIError({ error: { message: 'Too many tokens per minute', type: 'tokens', code: 'rate_limit_exceeded' } }, '', 429);
    assert.equal(parsed.kind, undefined);
  });
});
