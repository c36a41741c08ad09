// The Cohere adapter end to end through the public completion(): the exact wire body the
// fake upstream records, and the canonical response the caller gets back.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { startFakeCohereUpstream, type FakeChatReply } from '@llmux/fake-upstreams';
import { z } from 'zod';
import { AuthenticationError, ContextWindowExceededError, InternalServerError, RateLimitError, UnsupportedParamsError, completion } from '../../index.js';
import { completionThrough, useFakeUpstream } from '../__fixtures__/use-fake-upstream.js';
import { withSavedEnv } from '../__fixtures__/saved-env.js';

const API_KEY = 'co-test-0123456789';
const MODEL = 'command-a-03-2025';
const SALES_TOOL = {
  type: 'function',
  function: {
    name: 'query_daily_sales_report',
    description: 'Retrieves sales volumes for a given day.',
    parameters: { type: 'object', properties: { day: { type: 'string', description: 'YYYY-MM-DD' } }, required: ['day'] },
    strict: true,
  },
} as const;
const { strict: _strict, ...SALES_FUNCTION_WIRE } = SALES_TOOL.function;
const SALES_TOOL_WIRE = { type: 'function', function: SALES_FUNCTION_WIRE };

function cohereError(status: number, message: string): FakeChatReply {
  return { error: { status, body: { message } } };
}

describe('cohere provider through completion()', () => {
  const upstream = useFakeUpstream((reply) => startFakeCohereUpstream({ apiKey: API_KEY, reply }), { content: `Hello from ${MODEL}` });

  const { call } = completionThrough(upstream, { model: `cohere/${MODEL}`, api_key: API_KEY });
  const last = () => upstream.fake.requests.at(-1);

  it('sends messages and settings under Cohere names, and returns the canonical completion', async () => {
    upstream.reply = { content: 'The capital of France is Paris.', usage: { promptTokens: 12, completionTokens: 7, cachedTokens: 448 } };
    const response = await call({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Capital of France?' },
      ],
      temperature: 0.3,
      top_p: 0.9,
      max_tokens: 100,
      stop: ['END'],
      seed: 42,
      frequency_penalty: 0.1,
      presence_penalty: 0.2,
    });

    assert.equal(last()?.url, '/v2/chat');
    assert.equal(last()?.headers.authorization, `Bearer ${API_KEY}`);
    assert.deepEqual(last()?.json, {
      model: MODEL,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Capital of France?' },
      ],
      stream: false,
      temperature: 0.3,
      p: 0.9,
      max_tokens: 100,
      stop_sequences: ['END'],
      seed: 42,
      frequency_penalty: 0.1,
      presence_penalty: 0.2,
    });
    assert.match(response.id, /^[0-9a-f-]{36}$/);
    assert.equal(response.object, 'chat.completion');
    assert.equal(response.model, MODEL);
    assert.deepEqual(response.choices, [
      { index: 0, message: { role: 'assistant', refusal: null, content: 'The capital of France is Paris.' }, logprobs: null, finish_reason: 'stop' },
    ]);
    // Billed units, not the preamble-inflated `tokens`, and no cached count beyond them.
    assert.deepEqual(response.usage, { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 });
  });

  it("accepts api_base with /v2 or LiteLLM's /v1/chat suffix, and keys from COHERE_API_KEY or CO_API_KEY", async () => {
    await call({ api_base: `${upstream.fake.url}/v2` });
    assert.equal(last()?.url, '/v2/chat');
    await call({ api_base: `${upstream.fake.url}/v1/chat` });
    assert.equal(last()?.url, '/v2/chat');

    await withSavedEnv(['COHERE_API_KEY', 'CO_API_KEY'], async () => {
      delete process.env['COHERE_API_KEY'];
      delete process.env['CO_API_KEY'];
      const bare = { model: `cohere/${MODEL}`, api_base: upstream.fake.url, http_client: upstream.http, messages: [{ role: 'user' as const, content: 'hi' }] };
      await assert.rejects(
        completion(bare),
        (error: unknown) => error instanceof AuthenticationError && error.code === 'missing_api_key' && /COHERE_API_KEY or CO_API_KEY/.test(error.message),
      );
      process.env['CO_API_KEY'] = API_KEY;
      assert.equal((await completion(bare)).choices[0]?.message.content, `Hello from ${MODEL}`);
    });
  });

  it('round-trips tools: the tool plan as reasoning_content, tool_plan and tool results sent back', async () => {
    upstream.reply = {
      reasoning: 'I will query the sales report for that day.',
      toolCalls: [{ id: 'query_daily_sales_report_hgxxmkby3wta', name: 'query_daily_sales_report', arguments: '{"day": "2023-09-29"}' }],
      usage: { promptTokens: 127, completionTokens: 69 },
    };
    const messages = [{ role: 'user' as const, content: 'Sales summary for 29th September 2023?' }];
    const first = await call({ tools: [SALES_TOOL], messages });
    assert.deepEqual((last()?.json as { tools: unknown }).tools, [SALES_TOOL_WIRE]);
    assert.deepEqual(first.choices[0], {
      index: 0,
      message: {
        role: 'assistant',
        refusal: null,
        content: null,
        tool_calls: [{ id: 'query_daily_sales_report_hgxxmkby3wta', type: 'function', function: { name: 'query_daily_sales_report', arguments: '{"day": "2023-09-29"}' } }],
        reasoning_content: 'I will query the sales report for that day.',
      },
      logprobs: null,
      finish_reason: 'tool_calls',
    });

    upstream.reply = { content: 'Sales were 10,000 units.' };
    const assistant = first.choices[0]?.message;
    const second = await call({
      tools: [SALES_TOOL],
      messages: [
        ...messages,
        { role: 'assistant', content: null, tool_calls: assistant?.tool_calls ?? [], reasoning_content: assistant?.reasoning_content ?? null },
        { role: 'tool', tool_call_id: 'query_daily_sales_report_hgxxmkby3wta', content: [{ type: 'text', text: '{"units": 10000}' }] },
      ],
    });
    assert.deepEqual((last()?.json as { messages: unknown }).messages, [
      { role: 'user', content: 'Sales summary for 29th September 2023?' },
      {
        role: 'assistant',
        tool_calls: [{ id: 'query_daily_sales_report_hgxxmkby3wta', type: 'function', function: { name: 'query_daily_sales_report', arguments: '{"day": "2023-09-29"}' } }],
        tool_plan: 'I will query the sales report for that day.',
      },
      { role: 'tool', tool_call_id: 'query_daily_sales_report_hgxxmkby3wta', content: '{"units": 10000}' },
    ]);
    assert.equal(second.choices[0]?.message.content, 'Sales were 10,000 units.');
  });

  it('maps tool_choice to REQUIRED and NONE, a named tool to REQUIRED with only that tool', async () => {
    const other = { type: 'function' as const, function: { name: 'other', parameters: { type: 'object' } } };
    await call({ tools: [SALES_TOOL, other], tool_choice: 'required' });
    assert.equal((last()?.json as { tool_choice: unknown }).tool_choice, 'REQUIRED');
    await call({ tools: [SALES_TOOL, other], tool_choice: 'none' });
    assert.equal((last()?.json as { tool_choice: unknown }).tool_choice, 'NONE');
    await call({ tools: [SALES_TOOL, other], tool_choice: { type: 'function', function: { name: 'other' } } });
    assert.deepEqual(last()?.json, {
      model: MODEL,
      messages: [{ role: 'user', content: 'hi' }],
      stream: false,
      tools: [{ type: 'function', function: { name: 'other', parameters: { type: 'object' } } }],
      tool_choice: 'REQUIRED',
    });
  });

  it('sends images as image_url parts', async () => {
    await call({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Describe' },
            { type: 'image_url', image_url: { url: 'https://example.com/a.png', detail: 'low' } },
          ],
        },
      ],
    });
    assert.deepEqual((last()?.json as { messages: unknown }).messages, [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Describe' },
          { type: 'image_url', image_url: { url: 'https://example.com/a.png', detail: 'low' } },
        ],
      },
    ]);
  });

  it('sends json_schema as json_object with the schema, and parses a zod response_format', async () => {
    const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
    upstream.reply = { content: '{"city":"Paris"}' };
    await call({ response_format: { type: 'json_schema', json_schema: { name: 'place', schema } } });
    assert.deepEqual((last()?.json as { response_format: unknown }).response_format, { type: 'json_object', json_schema: schema });
    await call({ response_format: { type: 'json_object' } });
    assert.deepEqual((last()?.json as { response_format: unknown }).response_format, { type: 'json_object' });
    const parsed = await call({ response_format: z.object({ city: z.string() }) });
    assert.deepEqual(parsed.choices[0]?.message.parsed, { city: 'Paris' });
  });

  it('sends reasoning_effort as a thinking budget and returns thinking as reasoning_content', async () => {
    upstream.reply = { reasoning: 'Simple greeting.', content: 'Hello!' };
    const response = await call({ reasoning_effort: 'low' });
    assert.deepEqual((last()?.json as { thinking: unknown }).thinking, { type: 'enabled', token_budget: 2048 });
    assert.deepEqual(response.choices[0]?.message, { role: 'assistant', refusal: null, content: 'Hello!', reasoning_content: 'Simple greeting.' });
  });

  it('maps MAX_TOKENS and ERROR_TOXIC finish reasons', async () => {
    upstream.reply = { content: 'cut', finish: 'length' };
    assert.equal((await call({})).choices[0]?.finish_reason, 'length');
    upstream.reply = { content: 'no', finish: 'content_filter' };
    assert.equal((await call({})).choices[0]?.finish_reason, 'content_filter');
  });

  it('throws typed errors from {"message"} bodies', async () => {
    upstream.reply = cohereError(429, 'You are using a Trial key, which is limited to 10 API calls / minute.');
    await assert.rejects(call({}), (error: unknown) => error instanceof RateLimitError && error.retryable && error.provider === 'cohere');
    upstream.reply = cohereError(400, 'too many tokens: total number of tokens in the prompt cannot exceed 128000 - received 130000');
    await assert.rejects(call({}), (error: unknown) => error instanceof ContextWindowExceededError && error.fallbackAllowed);
    upstream.reply = cohereError(498, 'invalid api token');
    await assert.rejects(call({}), AuthenticationError);
    await assert.rejects(call({ api_key: 'co-wrong-key-99' }), (error: unknown) => error instanceof AuthenticationError && error.message === 'invalid api token');
    upstream.reply = cohereError(500, 'internal server error');
    await assert.rejects(call({}), InternalServerError);
  });

  it('rejects parameters Cohere has no equivalent for, before sending', async () => {
    const before = upstream.fake.requests.length;
    await assert.rejects(call({ logit_bias: { '1': 2 } }), (error: unknown) => error instanceof UnsupportedParamsError && error.param === 'logit_bias');
    assert.equal(upstream.fake.requests.length, before);
  });
});
