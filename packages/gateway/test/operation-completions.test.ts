// /v1/completions through the gateway with the official openai client: natively on OpenAI's
// instruct model, an Azure instruct deployment, a vLLM server and Together (the body reaches
// /completions as sent, model replaced), and bridged to chat on Anthropic and on an OpenAI
// chat model (prompt lists, echo, suffix refused, logprobs refused or dropped per
// drop_params). Plain and streamed; the spend row's cost and call_type; model access; budgets.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeAnthropicUpstream, startFakeAzureUpstream, startFakeOpenAIUpstream, type FakeChatReply, type FakeServer, type RecordedRequest } from '@llmux/fake-upstreams';
import OpenAI from 'openai';
import { startOperationsGateway, type OperationsGateway } from './helpers/operations-gateway.js';
import { assertRefusedBeforeUpstream, notAllowed, overBudget } from './helpers/refused-before-upstream.js';

const OPENAI_KEY = 'sk-upstream-completions';
const AZURE_KEY = 'azure-completions-key';
const ANTHROPIC_KEY = 'sk-ant-completions';

/** The Anthropic fake answers with the prompt it got, so each bridged choice shows its prompt. */
function anthropicReply(request: RecordedRequest): FakeChatReply {
  const body = request.json as { messages: Array<{ content: string | Array<{ text?: string }> }> };
  const content = body.messages[0]?.content;
  const prompt = typeof content === 'string' ? content : (content?.[0]?.text ?? '');
  // A long answer the upstream drops after a few chunks.
  if (prompt === 'CUT')
    return { content: Array.from({ length: 40 }, (_, index) => `word${index}`).join(' '), dropAfterChunks: 3, usage: { promptTokens: 10, completionTokens: 400 } };
  return { content: ` answer to ${prompt}`, usage: { promptTokens: 10, completionTokens: 4 } };
}

/** The OpenAI chat model reports log probabilities when asked, as OpenAI's does. */
function openAIChatReply(request: RecordedRequest): FakeChatReply {
  // The legacy /completions route answers with its own default text.
  if (!request.url.includes('/chat/')) return {};
  const model = (request.json as { model: string }).model;
  const asked = (request.json as { logprobs?: boolean }).logprobs === true;
  const logprobs = [
    {
      token: 'Hello',
      logprob: -0.01,
      top_logprobs: [
        { token: 'Hello', logprob: -0.01 },
        { token: 'Hi', logprob: -4.6 },
      ],
    },
    {
      token: ' there',
      logprob: -0.2,
      top_logprobs: [
        { token: ' there', logprob: -0.2 },
        { token: '!', logprob: -1.7 },
      ],
    },
  ];
  return asked ? { content: 'Hello there', logprobs } : { content: `Hello from ${model}` };
}

describe('/v1/completions through the gateway', () => {
  let world: OperationsGateway;
  let openai: FakeServer;
  let azure: FakeServer;
  let anthropic: FakeServer;

  before(async () => {
    openai = await startFakeOpenAIUpstream({ apiKey: OPENAI_KEY, reply: openAIChatReply });
    azure = await startFakeAzureUpstream({ apiKey: AZURE_KEY });
    anthropic = await startFakeAnthropicUpstream({ apiKey: ANTHROPIC_KEY, reply: anthropicReply });
    const claude = { model: 'anthropic/claude-3-5-haiku-20241022', api_base: anthropic.url, api_key: ANTHROPIC_KEY };
    world = await startOperationsGateway(
      [
        { model_name: 'instruct', litellm_params: { model: 'openai/gpt-3.5-turbo-instruct', api_base: `${openai.url}/v1`, api_key: OPENAI_KEY } },
        { model_name: 'gpt-chat', litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${openai.url}/v1`, api_key: OPENAI_KEY } },
        {
          model_name: 'azure-instruct',
          litellm_params: {
            model: 'azure/my-instruct',
            api_base: azure.url,
            api_key: AZURE_KEY,
            api_version: '2024-10-21',
            input_cost_per_token: 0.000002,
            output_cost_per_token: 0.000003,
          },
        },
        { model_name: 'vllm', litellm_params: { model: 'hosted_vllm/meta-llama/Llama-3.1-8B', api_base: openai.url, api_key: OPENAI_KEY } },
        // Together's API is OpenAI's format; the fake OpenAI stands in for its /v1/completions.
        { model_name: 'together', litellm_params: { model: 'together_ai/meta-llama/Meta-Llama-3-8B', api_base: `${openai.url}/v1`, api_key: OPENAI_KEY } },
        { model_name: 'claude', litellm_params: claude },
        { model_name: 'claude-lenient', litellm_params: { ...claude, drop_params: true } },
      ],
      [openai, azure, anthropic],
    );
  });
  after(() => world.close());

  const last = (server: FakeServer): RecordedRequest => {
    const request = server.requests.at(-1);
    assert.ok(request !== undefined, 'the upstream was called');
    return request;
  };

  it('serves OpenAI instruct natively: the body as sent, text_completion back, priced from the catalog', async () => {
    const key = await world.newKey();
    const { data: completion, response } = await world
      .client(key)
      .completions.create({ model: 'instruct', prompt: 'Say hello', max_tokens: 5, temperature: 0.2, stop: ['\n'], logprobs: 1 })
      .withResponse();
    assert.equal(completion.object, 'text_completion');
    assert.equal(completion.choices[0]?.text, ' Hello from gpt-3.5-turbo-instruct');
    assert.deepEqual(completion.choices[0]?.logprobs?.tokens, [' Hello', ' from', ' gpt-3.5-turbo-instruct']);
    assert.deepEqual(completion.usage, { prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 });
    const sent = last(openai);
    assert.equal(sent.url, '/v1/completions');
    assert.equal(sent.headers.authorization, `Bearer ${OPENAI_KEY}`);
    assert.deepEqual(sent.json, { model: 'gpt-3.5-turbo-instruct', prompt: 'Say hello', max_tokens: 5, temperature: 0.2, stop: ['\n'], logprobs: 1 });
    const cost = 2 * 1.5e-6 + 3 * 2e-6;
    assert.ok(Math.abs(Number(response.headers.get('x-litellm-response-cost')) - cost) < 1e-12);
    const [row] = await world.spendRows(key, 1);
    assert.equal(row?.metadata?.['call_type'], 'atext_completion');
    assert.equal(row?.model_group, 'instruct');
    assert.equal(row?.prompt_tokens, 2);
    assert.equal(row?.completion_tokens, 3);
    assert.ok(Math.abs((row?.spend ?? 0) - cost) < 1e-12, `spend ${row?.spend}`);
  });

  it('streams natively on OpenAI: text_completion chunks, usage asked of the upstream, the call billed', async () => {
    const key = await world.newKey();
    const stream = await world.client(key).completions.create({ model: 'instruct', prompt: ['One', 'Two'], stream: true });
    let text = '';
    const indexes = new Set<number>();
    let usageSeen = false;
    for await (const chunk of stream) {
      assert.equal(chunk.object, 'text_completion');
      for (const choice of chunk.choices) {
        text += choice.text;
        indexes.add(choice.index);
      }
      if (chunk.usage) usageSeen = true;
    }
    assert.equal(text, ' Hello from gpt-3.5-turbo-instruct'.repeat(2));
    assert.deepEqual([...indexes], [0, 1]);
    // The client did not ask for usage: the gateway asked the upstream, and kept it for billing.
    assert.equal(usageSeen, false);
    const sent = last(openai).json as Record<string, unknown>;
    assert.equal(sent['stream'], true);
    assert.deepEqual(sent['stream_options'], { include_usage: true });
    const [row] = await world.spendRows(key, 1);
    assert.equal(row?.metadata?.['call_type'], 'atext_completion');
    assert.equal(row?.completion_tokens, 6);
    assert.ok(Math.abs((row?.spend ?? 0) - (2 * 1.5e-6 + 6 * 2e-6)) < 1e-12, `spend ${row?.spend}`);
  });

  it('serves an Azure instruct deployment on its deployment path, priced by the deployment', async () => {
    const key = await world.newKey();
    const completion = await world.client(key).completions.create({ model: 'azure-instruct', prompt: 'Hi there', suffix: '!' });
    assert.equal(completion.choices[0]?.text, ' Hello from my-instruct');
    const sent = last(azure);
    assert.equal(sent.url, '/openai/deployments/my-instruct/completions?api-version=2024-10-21');
    assert.equal(sent.headers['api-key'], AZURE_KEY);
    assert.deepEqual(sent.json, { model: 'my-instruct', prompt: 'Hi there', suffix: '!' });
    const [row] = await world.spendRows(key, 1);
    assert.ok(Math.abs((row?.spend ?? 0) - (2 * 2e-6 + 3 * 3e-6)) < 1e-12, `spend ${row?.spend}`);
  });

  it('serves a vLLM server and Together natively (OpenAI-compatible rows that declare completions)', async () => {
    const completion = await world.client().completions.create({ model: 'vllm', prompt: [1, 2, 3], max_tokens: 2 });
    assert.equal(completion.choices[0]?.text, ' Hello from');
    assert.equal(completion.choices[0]?.finish_reason, 'length');
    assert.equal(last(openai).url, '/completions');
    assert.deepEqual(last(openai).json, { model: 'meta-llama/Llama-3.1-8B', prompt: [1, 2, 3], max_tokens: 2 });
    await world.client().completions.create({ model: 'together', prompt: 'x' });
    assert.equal(last(openai).url, '/v1/completions');
    assert.deepEqual(last(openai).json, { model: 'meta-llama/Meta-Llama-3-8B', prompt: 'x' });
  });

  it('bridges a prompt list to chat on Anthropic: one choice per prompt, echo, usage summed, billed', async () => {
    const key = await world.newKey();
    const before = anthropic.requests.length;
    const completion = await world.client(key).completions.create({ model: 'claude', prompt: ['Alpha', 'Beta'], echo: true, max_tokens: 20, stop: ['END'] });
    assert.equal(completion.object, 'text_completion');
    assert.match(completion.id, /^cmpl-/);
    assert.deepEqual(
      completion.choices.map((choice) => [choice.index, choice.text, choice.finish_reason]),
      [
        [0, 'Alpha answer to Alpha', 'stop'],
        [1, 'Beta answer to Beta', 'stop'],
      ],
    );
    assert.deepEqual(completion.usage, { prompt_tokens: 20, completion_tokens: 8, total_tokens: 28 });
    const sent = anthropic.requests.slice(before).map((request) => request.json as Record<string, unknown>);
    assert.equal(sent.length, 2);
    for (const body of sent) {
      assert.equal(body['max_tokens'], 20);
      assert.deepEqual(body['stop_sequences'], ['END']);
    }
    // One chat call per prompt, made at once (so in either order).
    assert.deepEqual(sent.map((body) => JSON.stringify(body['messages'])).sort(), [
      JSON.stringify([{ role: 'user', content: [{ type: 'text', text: 'Alpha' }] }]),
      JSON.stringify([{ role: 'user', content: [{ type: 'text', text: 'Beta' }] }]),
    ]);
    const [row] = await world.spendRows(key, 1);
    assert.equal(row?.metadata?.['call_type'], 'atext_completion');
    assert.ok(Math.abs((row?.spend ?? 0) - (20 * 0.8e-6 + 8 * 4e-6)) < 1e-12, `spend ${row?.spend}`);
  });

  it('streams a bridged completion from Anthropic as text_completion chunks, usage on request', async () => {
    const key = await world.newKey();
    const stream = await world.client(key).completions.create({ model: 'claude', prompt: 'Gamma', stream: true, stream_options: { include_usage: true } });
    let text = '';
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) {
      assert.equal(chunk.object, 'text_completion');
      for (const choice of chunk.choices) {
        text += choice.text;
        finish = choice.finish_reason ?? finish;
      }
      if (chunk.usage) usage = chunk.usage;
    }
    assert.equal(text, ' answer to Gamma');
    assert.equal(finish, 'stop');
    assert.equal(usage?.completion_tokens, 4);
    assert.equal((last(anthropic).json as { stream?: boolean }).stream, true);
    const [row] = await world.spendRows(key, 1);
    assert.equal(row?.metadata?.['call_type'], 'atext_completion');
    assert.ok((row?.spend ?? 0) > 0);
  });

  it('ends a stream the upstream cut with an error event, billed for the text it delivered', async () => {
    const key = await world.newKey();
    const stream = await world.client(key).completions.create({ model: 'claude', prompt: 'CUT', stream: true });
    let text = '';
    await assert.rejects(async () => {
      for await (const chunk of stream) text += chunk.choices.map((choice) => choice.text).join('');
    });
    assert.ok(text.startsWith('word0'), text);
    const [row] = await world.spendRows(key, 1);
    assert.equal(row?.metadata?.['call_end'], 'upstream_cut');
    assert.equal(row?.metadata?.['call_type'], 'atext_completion');
    assert.notEqual(row?.status, 'success');
    assert.ok((row?.completion_tokens ?? 0) > 0 && (row?.completion_tokens ?? 0) < 400, `completion tokens ${row?.completion_tokens}: counted from what was delivered`);
    assert.ok((row?.spend ?? 0) > 0);
  });

  it('bridges to an OpenAI chat model (its chat models are not on the completions API)', async () => {
    const completion = await world.client().completions.create({ model: 'gpt-chat', prompt: 'Delta' });
    assert.equal(completion.choices[0]?.text, 'Hello from gpt-4o-mini');
    assert.equal(last(openai).url, '/v1/chat/completions');
    assert.deepEqual((last(openai).json as { messages: unknown }).messages, [{ role: 'user', content: 'Delta' }]);
  });

  it("bridges logprobs: chat's top_logprobs asked of the provider, answered in the completions form", async () => {
    const completion = await world.client().completions.create({ model: 'gpt-chat', prompt: 'Greet', logprobs: 2, echo: true });
    assert.equal(completion.choices[0]?.text, 'GreetHello there');
    assert.deepEqual(completion.choices[0]?.logprobs, {
      tokens: ['Hello', ' there'],
      token_logprobs: [-0.01, -0.2],
      top_logprobs: [
        { Hello: -0.01, Hi: -4.6 },
        { ' there': -0.2, '!': -1.7 },
      ],
      // Offsets count from the start of the echoed prompt.
      text_offset: [5, 10],
    });
    const sent = last(openai).json as Record<string, unknown>;
    assert.equal(sent['logprobs'], true);
    assert.equal(sent['top_logprobs'], 2);
  });

  it('refuses suffix on a chat model, and logprobs unless drop_params drops it with a warning', async () => {
    const calls = anthropic.requests.length;
    await assert.rejects(
      world.client().completions.create({ model: 'claude', prompt: 'x', suffix: 'y' }),
      (error: unknown) => error instanceof OpenAI.BadRequestError && error.param === 'suffix',
    );
    await assert.rejects(
      world.client().completions.create({ model: 'claude', prompt: 'x', logprobs: 2 }),
      (error: unknown) => error instanceof OpenAI.BadRequestError && /logprobs/.test(error.message),
    );
    await assert.rejects(
      world.client().completions.create({ model: 'claude', prompt: [[1, 2]] }),
      (error: unknown) => error instanceof OpenAI.BadRequestError && error.param === 'prompt',
    );
    await assert.rejects(world.client().completions.create({ model: 'claude', prompt: ['a', 'b'], stream: true }), OpenAI.BadRequestError);
    assert.equal(anthropic.requests.length, calls);
    const { data: completion, response } = await world.client().completions.create({ model: 'claude-lenient', prompt: 'x', logprobs: 2 }).withResponse();
    assert.equal(completion.choices[0]?.logprobs, null);
    assert.match(response.headers.get('x-llmux-warnings') ?? '', /logprobs/);
  });

  it('refuses bodies that are not completions requests with OpenAI-shaped 400s', async () => {
    const missing = await world.post('/v1/completions', { model: 'instruct' });
    assert.equal(missing.status, 400);
    assert.equal((missing.json['error'] as { type: string }).type, 'invalid_request_error');
    const hostile = [
      { model: 'instruct', prompt: 'x', logprobs: 9 },
      { model: 'instruct', prompt: null },
      { model: 'instruct', prompt: { text: 'x' } },
      { model: 'instruct', prompt: [['a']] },
      { model: 'instruct', prompt: 'x', stream: 'yes' },
      { model: 'instruct', prompt: 'x', stop: [1] },
      { model: 'instruct', prompt: 'x', n: 0 },
      { model: 'instruct', prompt: 'x', max_tokens: -1 },
      { model: 'claude', prompt: 'x', echo: 'true' },
      { model: 'instruct', prompt: 'x', user: 'u'.repeat(300) },
    ];
    for (const body of hostile) {
      const reply = await world.post('/completions', body);
      assert.equal(reply.status, 400, JSON.stringify(body));
      assert.equal((reply.json['error'] as { type: string }).type, 'invalid_request_error');
    }
  });

  it('refuses a key without access to the model, before any upstream call', async () => {
    const key = await world.newKey({ models: ['claude'] });
    await assertRefusedBeforeUpstream(
      () => world.client(key).completions.create({ model: 'instruct', prompt: 'x' }),
      notAllowed('instruct'),
      () => openai.requests.length,
    );
  });

  it('refuses a key over its budget, before any upstream call', async () => {
    const key = await world.newKey({ max_budget: 0.000005 });
    await world.client(key).completions.create({ model: 'instruct', prompt: 'first call' });
    await world.spendRows(key, 1);
    await assertRefusedBeforeUpstream(
      () => world.client(key).completions.create({ model: 'instruct', prompt: 'second' }),
      overBudget,
      () => openai.requests.length,
    );
  });
});
