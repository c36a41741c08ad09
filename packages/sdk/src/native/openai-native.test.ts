// Passthrough of OpenAI chat bodies to OpenAI-format rows without quirks: the body arrives
// with only `model` replaced (a stream also asks for usage), unknown fields included; the
// reply's bytes come back as sent, priced from the usage read on the side. Rows with quirks
// are not native, so their translation is never bypassed.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { startFakeAzureUpstream, startFakeOpenAIUpstream, startFakeScenarioUpstream } from '@llmux/fake-upstreams';
import { APIConnectionError, AuthenticationError, BadRequestError, InternalServerError, RateLimitError, TimeoutError, nativeCall, speaksNatively } from '../index.js';
import { useFakeUpstream } from '../providers/__fixtures__/use-fake-upstream.js';
import { asStream, isTypedError, lastRequest, readAll, readUntilError, watchEnd, without } from './__fixtures__/native-fixtures.js';
import { OPENAI_EXPECTED_COST, OPENAI_PRICES, OPENAI_REPLY } from './__fixtures__/openai-cache-reply.js';

const API_KEY = 'sk-openai-deployment-0001';

function createChatBody(stream: boolean): Record<string, unknown> {
  return {
    model: 'gpt-group',
    messages: [
      { role: 'developer', content: 'Answer briefly.' },
      { role: 'user', content: [{ type: 'text', text: 'Capital of France?' }] },
    ],
    ...(stream ? { stream: true } : {}),
    max_completion_tokens: 64,
    web_search_options: { search_context_size: 'low' },
    prediction: { type: 'content', content: 'Paris' },
    x_future_field: { nested: [1, null] },
  };
}

describe('nativeCall in the openai-chat dialect', () => {
  const upstream = useFakeUpstream((reply) => startFakeOpenAIUpstream({ apiKey: API_KEY, reply }), OPENAI_REPLY);
  const call = (stream: boolean, body = createChatBody(stream)) =>
    nativeCall(
      { model: 'openai/gpt-4.1', api_key: API_KEY, api_base: upstream.fake.url, ...OPENAI_PRICES },
      { dialect: 'openai-chat', body, stream, headers: { authorization: 'Bearer sk-client' } },
    );
  const lastSent = () => lastRequest(upstream.fake);

  it('speaks openai-chat for rows without quirks only', () => {
    assert.equal(speaksNatively('openai/gpt-4.1', 'openai-chat'), true);
    assert.equal(speaksNatively('openai/gpt-4.1', 'anthropic-messages'), false);
    assert.equal(speaksNatively('groq/llama-3.3-70b-versatile', 'openai-chat'), false, 'groq rejects logprobs: translated, so the refusal holds');
    assert.equal(speaksNatively('mistral/mistral-large-latest', 'openai-chat'), false, 'mistral rewrites tool-call ids: translated');
    assert.equal(speaksNatively('deepinfra/meta-llama/Llama-3.3-70B-Instruct', 'openai-chat'), true);
    assert.equal(speaksNatively('hosted_vllm/qwen3', 'openai-chat'), false, 'hosted_vllm moves <think> blocks to reasoning_content: translated');
  });

  it('sends the body unchanged apart from model and returns the reply bytes as sent, priced', async () => {
    const body = createChatBody(false);
    const reply = await call(false, body);
    const sent = lastSent();
    assert.equal(sent.url, '/chat/completions');
    assert.deepEqual(without(sent.json, ['model']), without(createChatBody(false), ['model']));
    assert.equal((sent.json as { model: string }).model, 'gpt-4.1');
    assert.equal(sent.headers.authorization, `Bearer ${API_KEY}`);
    assert.equal(body['model'], 'gpt-group', 'the caller’s body is not modified');
    assert.equal(reply.kind, 'json');
    if (reply.kind !== 'json') return;
    assert.ok(reply.body.equals(Buffer.concat(sent.sent)));
    assert.match(reply.headers['x-request-id'] ?? '', /^req_fake/);
    assert.equal(reply.usage?.prompt_tokens, 300);
    assert.equal(reply.usage?.prompt_tokens_details?.cached_tokens, 200);
    assert.ok(Math.abs((reply.llmux.cost ?? 0) - OPENAI_EXPECTED_COST) < 1e-12, `cost ${reply.llmux.cost}`);
  });

  it('streams the upstream’s bytes unchanged, asking for the usage chunk it prices', async () => {
    const reply = asStream(await call(true));
    const ends = watchEnd(reply);
    const bytes = await readAll(reply);
    const sent = lastSent();
    assert.deepEqual(without(sent.json, ['model', 'stream_options']), without(createChatBody(true), ['model']));
    assert.deepEqual((sent.json as { stream_options?: unknown }).stream_options, { include_usage: true });
    assert.ok(bytes.equals(Buffer.concat(sent.sent)));
    assert.match(bytes.toString(), /data: \[DONE\]\n\n$/);
    assert.equal(reply.usage?.completion_tokens, 12);
    assert.ok(Math.abs((reply.llmux.cost ?? 0) - OPENAI_EXPECTED_COST) < 1e-12);
    assert.deepEqual(ends.calls, [[reply.usage, undefined]]);
  });

  for (const [status, type, ErrorClass, headers] of [
    [400, 'invalid_request_error', BadRequestError, {}],
    [401, 'invalid_request_error', AuthenticationError, {}],
    [429, 'rate_limit_exceeded', RateLimitError, { 'retry-after': '3' }],
    [500, 'server_error', InternalServerError, {}],
  ] as const) {
    it(`turns a ${status} into ${ErrorClass.name}`, async () => {
      upstream.reply = { error: { status, body: { error: { message: `upstream ${status}`, type, param: null, code: null } }, headers } };
      await assert.rejects(call(true), (error: unknown) => isTypedError(error, ErrorClass, 'openai', status === 429 ? 3 : undefined));
    });
  }

  it('passes a mid-stream error payload through and reports it at the end', async () => {
    upstream.reply = { ...OPENAI_REPLY, failAfterChunks: 2 };
    const reply = asStream(await call(true));
    const ends = watchEnd(reply);
    const bytes = await readAll(reply);
    assert.ok(bytes.equals(Buffer.concat(lastSent().sent)));
    assert.ok(isTypedError(ends.calls[0]?.[1], InternalServerError, 'openai'));
  });

  it('throws when the connection drops before [DONE]', async () => {
    upstream.reply = { ...OPENAI_REPLY, dropAfterChunks: 2 };
    const reply = asStream(await call(true));
    const { error } = await readUntilError(reply);
    assert.ok(error instanceof APIConnectionError);
  });

  it('fails a stream that goes silent after its first content with a TimeoutError', async () => {
    const stalling = await startFakeScenarioUpstream({ then: 'stall-mid-stream' });
    try {
      const reply = asStream(
        await nativeCall(
          { model: 'openai/gpt-4o-mini', api_key: 'sk-test', api_base: stalling.url, timeout: 60, stream_idle_timeout: 0.5 },
          { dialect: 'openai-chat', body: createChatBody(true), stream: true, headers: {} },
        ),
      );
      const ends = watchEnd(reply);
      const { bytes, error } = await readUntilError(reply);
      assert.ok(error instanceof TimeoutError && error.retryable, `got ${String(error)}`);
      assert.match(bytes.toString(), /"content":"Hello/, 'the first content arrived before the stall');
      assert.deepEqual(ends.calls, [[undefined, error]]);
    } finally {
      await stalling.close();
    }
  });

  it('stops at once, with the caller’s reason, when the caller aborts mid-stream', async () => {
    upstream.reply = { ...OPENAI_REPLY, content: 'word '.repeat(400) };
    const controller = new AbortController();
    const reply = asStream(
      await nativeCall(
        { model: 'openai/gpt-4.1', api_key: API_KEY, api_base: upstream.fake.url, signal: controller.signal },
        { dialect: 'openai-chat', body: createChatBody(true), stream: true, headers: {} },
      ),
    );
    const ends = watchEnd(reply);
    const reason = new Error('client went away');
    const iterator = reply[Symbol.asyncIterator]();
    await iterator.next();
    controller.abort(reason);
    await assert.rejects(
      (async () => {
        for (;;) if ((await iterator.next()).done === true) return;
      })(),
      (error: unknown) => error === reason,
    );
    assert.equal(ends.calls[0]?.[1], reason);
  });

  it('passes Azure deployments through too, filter chunks and all, with Azure’s URL and key', async () => {
    const azure = await startFakeAzureUpstream({ apiKey: API_KEY, reply: () => OPENAI_REPLY, models: { 'my-gpt': 'gpt-4o-2024-08-06' } });
    try {
      const params = { model: 'azure/my-gpt', api_key: API_KEY, api_base: azure.url, ...OPENAI_PRICES };
      assert.equal(speaksNatively('azure/my-gpt', 'openai-chat'), true);
      const reply = asStream(await nativeCall(params, { dialect: 'openai-chat', body: createChatBody(true), stream: true, headers: {} }));
      const bytes = await readAll(reply);
      const sent = azure.requests.at(-1);
      assert.match(sent?.url ?? '', /^\/openai\/deployments\/my-gpt\/chat\/completions\?api-version=/);
      assert.equal(sent?.headers['api-key'], API_KEY);
      assert.deepEqual(without(sent?.json, ['model', 'stream_options']), without(createChatBody(true), ['model']));
      assert.ok(bytes.equals(Buffer.concat(sent?.sent ?? [])));
      assert.match(bytes.toString(), /prompt_filter_results/);
      assert.ok(Math.abs((reply.llmux.cost ?? 0) - OPENAI_EXPECTED_COST) < 1e-12, `cost ${reply.llmux.cost}`);
    } finally {
      await azure.close();
    }
  });
});
