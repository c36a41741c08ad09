// Passthrough to Anthropic's own API through nativeCall(): the client's body arrives with
// only `model` replaced, anthropic-beta is forwarded (auth never), the reply's bytes come
// back as the fake sent them, and usage (cache reads and writes) is read and priced.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { startFakeAnthropicUpstream } from '@llmux/fake-upstreams';
import {
  APIConnectionError,
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  RateLimitError,
  ServiceUnavailableError,
  completion,
  nativeCall,
  speaksNatively,
} from '../index.js';
import { useFakeUpstream } from '../providers/__fixtures__/use-fake-upstream.js';
import {
  BETA_HEADER,
  CACHE_REPLY,
  CACHE_USAGE,
  CLIENT_HEADERS,
  anthropicErrorReply,
  asStream,
  assertCachePriced,
  createRichBody,
  lastRequest,
  PRICES,
  readAll,
  readFailingStream,
  watchEnd,
  without,
} from './__fixtures__/native-fixtures.js';
import { itTypesErrorReplies } from './__fixtures__/it-types-error-replies.js';

const API_KEY = 'sk-ant-deployment-key-0001';
const MODEL = 'claude-sonnet-4-20250514';

describe('nativeCall to anthropic/…', () => {
  const upstream = useFakeUpstream((reply) => startFakeAnthropicUpstream({ apiKey: API_KEY, reply }), CACHE_REPLY);
  const params = () => ({ model: `anthropic/${MODEL}`, api_key: API_KEY, api_base: upstream.fake.url, ...PRICES });
  const call = (stream: boolean, body = createRichBody(stream)) => nativeCall(params(), { dialect: 'anthropic-messages', body, stream, headers: CLIENT_HEADERS });
  const lastSent = () => lastRequest(upstream.fake);

  it('says which models speak the Messages dialect natively', () => {
    assert.equal(speaksNatively(`anthropic/${MODEL}`, 'anthropic-messages'), true);
    assert.equal(speaksNatively(`anthropic/${MODEL}`, 'openai-chat'), false);
    assert.equal(speaksNatively('openai/gpt-4o', 'anthropic-messages'), false);
    assert.equal(speaksNatively('no-such-provider/model', 'anthropic-messages'), false);
  });

  it('sends the body unchanged apart from model, with the betas and the deployment key only', async () => {
    const body = createRichBody(false);
    const pristine = structuredClone(body);
    const reply = await call(false, body);
    const sent = lastSent();
    assert.equal(sent.url, '/v1/messages');
    assert.deepEqual(without(sent.json, ['model']), without(pristine, ['model']));
    assert.equal((sent.json as { model: string }).model, MODEL);
    assert.deepEqual(body, pristine, 'the caller’s body is not modified (a fallback may send it again)');
    assert.equal(sent.headers['anthropic-beta'], BETA_HEADER);
    assert.equal(sent.headers['anthropic-version'], '2023-06-01');
    assert.equal(sent.headers['x-api-key'], API_KEY);
    assert.equal(sent.headers.authorization, undefined);
    assert.equal(sent.headers.cookie, undefined);
    assert.equal(reply.kind, 'json');
  });

  it('returns the reply bytes as sent, with cache-aware usage and its cost', async () => {
    const reply = await call(false);
    assert.equal(reply.kind, 'json');
    if (reply.kind !== 'json') return;
    assert.equal(reply.status, 200);
    assert.ok(reply.body.equals(Buffer.concat(lastSent().sent)), 'body bytes are the upstream’s');
    assert.equal(reply.headers['content-type'], 'application/json');
    assert.match(reply.headers['request-id'] ?? '', /^req_fake/);
    assertCachePriced(reply);
    assert.equal(reply.llmux.provider, 'anthropic');
    assert.equal(reply.llmux.model, MODEL);
    assert.equal(typeof reply.llmux.durationMs, 'number');
  });

  it('prices a reply as completion() prices the same reply from the catalog', async () => {
    const native = await nativeCall(
      { model: `anthropic/${MODEL}`, api_key: API_KEY, api_base: upstream.fake.url },
      { dialect: 'anthropic-messages', body: createRichBody(false), stream: false, headers: {} },
    );
    const translated = await completion({
      model: `anthropic/${MODEL}`,
      api_key: API_KEY,
      api_base: upstream.fake.url,
      max_tokens: 50,
      messages: [{ role: 'user', content: 'hi' }],
    });
    assert.ok(native.llmux.cost !== null && native.llmux.cost > 0);
    assert.equal(native.llmux.cost, translated.llmux.cost);
  });

  it('streams the upstream’s SSE bytes unchanged and prices the usage at the end', async () => {
    const reply = asStream(await call(true));
    const ends = watchEnd(reply);
    assert.equal(reply.status, 200);
    assert.match(reply.headers['content-type'] ?? '', /^text\/event-stream/);
    const bytes = await readAll(reply);
    const sent = lastSent();
    assert.equal((sent.json as { stream?: unknown }).stream, true);
    assert.deepEqual(without(sent.json, ['model']), without(createRichBody(true), ['model']));
    assert.equal(sent.headers['anthropic-beta'], BETA_HEADER);
    assert.ok(bytes.equals(Buffer.concat(sent.sent)), 'stream bytes are the upstream’s');
    assert.match(bytes.toString(), /event: content_block_delta\ndata: \{"type":"content_block_delta","index":0,"delta":\{"type":"thinking_delta"/);
    assertCachePriced(reply);
    assert.deepEqual(ends.calls, [[CACHE_USAGE, undefined]]);
  });

  itTypesErrorReplies(
    (
      [
        [400, 'invalid_request_error', BadRequestError, {}],
        [401, 'authentication_error', AuthenticationError, {}],
        [429, 'rate_limit_error', RateLimitError, { 'retry-after': '17' }],
        [529, 'overloaded_error', ServiceUnavailableError, {}],
      ] as const
    ).map(([status, type, errorClass, headers]) => ({
      label: `${status} ${type}`,
      reply: anthropicErrorReply(status, type, `upstream says ${type}`, headers),
      errorClass,
      code: type,
      message: new RegExp(`upstream says ${type}`),
    })),
    { answer: (reply) => (upstream.reply = reply), call, provider: 'anthropic' },
  );

  it('rejects the call when the upstream’s error event comes before any content, so a fallback can run', async () => {
    upstream.reply = { ...CACHE_REPLY, failAfterChunks: 0 };
    await assert.rejects(call(true), (error: unknown) => error instanceof ServiceUnavailableError && error.code === 'overloaded_error');
  });

  it('passes a mid-stream error event through and reports it at the end', async () => {
    upstream.reply = { ...CACHE_REPLY, failAfterChunks: 3 };
    const reply = asStream(await call(true));
    const ends = watchEnd(reply);
    const bytes = await readAll(reply);
    assert.ok(bytes.equals(Buffer.concat(lastSent().sent)), 'the error event reaches the client as sent');
    assert.match(bytes.toString(), /event: error\n/);
    assert.ok(ends.calls[0]?.[1] instanceof ServiceUnavailableError);
    assert.equal(reply.usage?.prompt_tokens, 1200, 'input usage from message_start is kept for billing');
  });

  it('throws from the iterator and onEnd when the stream is cut before message_stop', async () => {
    upstream.reply = { ...CACHE_REPLY, dropAfterChunks: 3 };
    const { bytes, error } = await readFailingStream(asStream(await call(true)));
    // A reset connection: the transport says so (a clean end short of message_stop is tested on Bedrock).
    assert.ok(error instanceof APIConnectionError);
    assert.ok(bytes.equals(Buffer.concat(lastSent().sent)), 'every byte before the cut was passed on');
  });

  it('frees the upstream on cancel and reports the usage known so far', async () => {
    upstream.reply = { ...CACHE_REPLY, content: 'many words '.repeat(200) };
    const reply = asStream(await call(true));
    const ends = watchEnd(reply);
    const iterator = reply[Symbol.asyncIterator]();
    await iterator.next();
    await reply.cancel();
    assert.deepEqual(await iterator.next(), { done: true, value: undefined });
    assert.equal(ends.calls.length, 1);
    assert.equal(ends.calls[0]?.[0]?.prompt_tokens, 1200);
    assert.equal(ends.calls[0]?.[1], undefined);
  });

  it('names an unknown provider with NotFoundError and a non-native pair with BadRequestError', async () => {
    const request = { dialect: 'anthropic-messages' as const, body: createRichBody(false), stream: false, headers: {} };
    await assert.rejects(nativeCall({ model: 'no-such-provider/x' }, request), NotFoundError);
    await assert.rejects(
      nativeCall({ model: 'openai/gpt-4o', api_key: 'sk-test' }, request),
      (error: unknown) => error instanceof BadRequestError && error.code === 'dialect_not_native',
    );
  });
});
