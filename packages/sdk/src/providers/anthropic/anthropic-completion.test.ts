// The Anthropic adapter end to end through the public completion(): the exact wire body
// the fake upstream records, and the canonical response the caller gets back.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { signFakeThinking, startFakeAnthropicUpstream, type FakeChatReply } from '@llmux/fake-upstreams';
import { z } from 'zod';
import { AuthenticationError, ContextWindowExceededError, RateLimitError, ServiceUnavailableError, UnsupportedParamsError, completion } from '../../index.js';
import { completionThrough, useFakeUpstream } from '../__fixtures__/use-fake-upstream.js';
import { JSON_TOOL_NAME } from './convert-to-anthropic-tools.js';
import { expectedCacheUsage } from '../__fixtures__/expected-usage.js';
import { withSavedEnv } from '../__fixtures__/saved-env.js';

const API_KEY = 'sk-ant-test-0123456789';
const MODEL = 'claude-test-1';
const WEATHER_TOOL = {
  type: 'function',
  function: { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
} as const;
const WEATHER_WIRE_TOOL = { name: 'get_weather', description: 'Weather for a city', input_schema: WEATHER_TOOL.function.parameters };

function anthropicError(status: number, type: string, message: string): FakeChatReply {
  return { error: { status, body: { type: 'error', error: { type, message } } } };
}

describe('anthropic provider through completion()', () => {
  const upstream = useFakeUpstream((reply) => startFakeAnthropicUpstream({ apiKey: API_KEY, reply }), { content: `Hello from ${MODEL}` });

  const { call } = completionThrough(upstream, { model: `anthropic/${MODEL}`, api_key: API_KEY, max_tokens: 256 });
  const lastBody = () => upstream.fake.requests.at(-1)?.json;

  it('sends the system prompt and headers, and returns the canonical completion', async () => {
    upstream.reply = { content: 'Hi!', usage: { promptTokens: 40, completionTokens: 3, cachedTokens: 25, cacheWriteTokens: 10 } };
    const response = await call({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hi' },
      ],
      temperature: 0.3,
      stop: 'END',
      user: 'u-1',
    });

    const recorded = upstream.fake.requests.at(-1);
    assert.equal(recorded?.url, '/v1/messages');
    assert.equal(recorded?.headers['x-api-key'], API_KEY);
    assert.equal(recorded?.headers['anthropic-version'], '2023-06-01');
    assert.deepEqual(recorded?.json, {
      model: MODEL,
      max_tokens: 256,
      system: 'Be brief.',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      stop_sequences: ['END'],
      temperature: 0.3,
      metadata: { user_id: 'u-1' },
    });
    assert.match(response.id, /^msg_/);
    assert.equal(response.object, 'chat.completion');
    assert.equal(response.model, MODEL);
    assert.equal(typeof response.created, 'number');
    assert.deepEqual(response.choices, [{ index: 0, message: { role: 'assistant', refusal: null, content: 'Hi!' }, logprobs: null, finish_reason: 'stop' }]);
    assert.deepEqual(response.usage, expectedCacheUsage(40, 3, { read: 25, write: 10 }));
    assert.deepEqual(response.llmux.warnings, []);
  });

  it('accepts api_base with a trailing /v1', async () => {
    await completion({
      model: `anthropic/${MODEL}`,
      api_base: `${upstream.fake.url}/v1/`,
      api_key: API_KEY,
      http_client: upstream.http,
      max_tokens: 5,
      messages: [{ role: 'user', content: 'hi' }],
    });
    assert.equal(upstream.fake.requests.at(-1)?.url, '/v1/messages');
  });

  it('reads the key and base URL from the environment when the call has none', async () => {
    await withSavedEnv(['ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL', 'ANTHROPIC_API_BASE'], async () => {
      delete process.env['ANTHROPIC_API_KEY'];
      delete process.env['ANTHROPIC_API_BASE'];
      const bare = { model: `anthropic/${MODEL}`, http_client: upstream.http, max_tokens: 5, messages: [{ role: 'user' as const, content: 'hi' }] };
      await assert.rejects(completion(bare), (error: unknown) => error instanceof AuthenticationError && error.code === 'missing_api_key');
      process.env['ANTHROPIC_API_KEY'] = API_KEY;
      process.env['ANTHROPIC_BASE_URL'] = upstream.fake.url;
      const response = await completion(bare);
      assert.equal(response.choices[0]?.message.content, `Hello from ${MODEL}`);
    });
  });

  it('sends URL and base64 images', async () => {
    await call({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Compare these.' },
            { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
            { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/4AAQ' } },
          ],
        },
      ],
    });
    assert.deepEqual(lastBody(), {
      model: MODEL,
      max_tokens: 256,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Compare these.' },
            { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
            { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: '/9j/4AAQ' } },
          ],
        },
      ],
    });
  });

  it('sends tools with each tool_choice and returns tool_calls', async () => {
    upstream.reply = { toolCalls: [{ id: 'toolu_w1', name: 'get_weather', arguments: '{"city":"Paris"}' }] };
    const choices = [
      ['auto', { type: 'auto' }],
      ['required', { type: 'any' }],
      ['none', { type: 'none' }],
      [
        { type: 'function', function: { name: 'get_weather' } },
        { type: 'tool', name: 'get_weather', disable_parallel_tool_use: true },
      ],
    ] as const;
    for (const [toolChoice, wire] of choices) {
      const parallel = typeof toolChoice === 'object' ? { parallel_tool_calls: false } : {};
      const response = await call({ tools: [WEATHER_TOOL], tool_choice: toolChoice, ...parallel });
      assert.deepEqual(lastBody(), {
        model: MODEL,
        max_tokens: 256,
        messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
        tools: [WEATHER_WIRE_TOOL],
        tool_choice: wire,
      });
      assert.deepEqual(response.choices[0], {
        index: 0,
        message: {
          role: 'assistant',
          refusal: null,
          content: null,
          tool_calls: [{ id: 'toolu_w1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }],
        },
        logprobs: null,
        finish_reason: 'tool_calls',
      });
    }
  });

  it('sends a full tool round trip as tool_use and tool_result blocks', async () => {
    const response = await call({
      tools: [WEATHER_TOOL],
      messages: [
        { role: 'system', content: 'You report weather.' },
        { role: 'user', content: 'Weather in Paris and Rome?' },
        {
          role: 'assistant',
          content: 'Let me check.',
          tool_calls: [
            { id: 'toolu_p', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
            { id: 'toolu_r', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Rome"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'toolu_p', content: '18°C, sunny' },
        { role: 'tool', tool_call_id: 'toolu_r', content: '22°C, cloudy' },
      ],
    });
    assert.deepEqual(lastBody(), {
      model: MODEL,
      max_tokens: 256,
      system: 'You report weather.',
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Weather in Paris and Rome?' }] },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Let me check.' },
            { type: 'tool_use', id: 'toolu_p', name: 'get_weather', input: { city: 'Paris' } },
            { type: 'tool_use', id: 'toolu_r', name: 'get_weather', input: { city: 'Rome' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_p', content: '18°C, sunny' },
            { type: 'tool_result', tool_use_id: 'toolu_r', content: '22°C, cloudy' },
          ],
        },
      ],
      tools: [WEATHER_WIRE_TOOL],
    });
    assert.equal(response.choices[0]?.message.content, `Hello from ${MODEL}`);
  });

  it('defaults max_tokens with a warning the caller can see', async () => {
    const response = await completion({
      model: `anthropic/${MODEL}`,
      api_base: upstream.fake.url,
      api_key: API_KEY,
      http_client: upstream.http,
      messages: [{ role: 'user', content: 'hi' }],
    });
    assert.equal((lastBody() as { max_tokens: number }).max_tokens, 4096);
    assert.equal(response.llmux.warnings.length, 1);
    assert.match(response.llmux.warnings[0] ?? '', /max_tokens.*4096/);
  });

  it('maps stop reasons to finish reasons', async () => {
    const cases = [
      ['stop', 'stop'],
      ['length', 'length'],
      ['content_filter', 'content_filter'],
    ] as const;
    for (const [finish, expected] of cases) {
      upstream.reply = { content: 'x', finish };
      assert.equal((await call({})).choices[0]?.finish_reason, expected);
    }
  });

  it('returns thinking as reasoning_content and thinking_blocks, and sends the thinking budget', async () => {
    upstream.reply = { reasoning: 'Greeting, so greet back.', content: 'Hello!' };
    const response = await call({ reasoning_effort: 'low', max_tokens: 4000 });
    assert.deepEqual((lastBody() as { thinking: unknown }).thinking, { type: 'enabled', budget_tokens: 2048 });
    assert.deepEqual(response.choices[0]?.message, {
      role: 'assistant',
      refusal: null,
      content: 'Hello!',
      reasoning_content: 'Greeting, so greet back.',
      thinking_blocks: [{ type: 'thinking', thinking: 'Greeting, so greet back.', signature: signFakeThinking('Greeting, so greet back.') }],
    });
  });

  it('emulates response_format json_schema with a forced tool', async () => {
    upstream.reply = { toolCalls: [{ name: JSON_TOOL_NAME, arguments: '{"city":"Paris","celsius":18}' }] };
    const schema = { type: 'object', properties: { city: { type: 'string' }, celsius: { type: 'number' } }, required: ['city', 'celsius'] };
    const response = await call({ response_format: { type: 'json_schema', json_schema: { name: 'weather', schema } } });
    assert.deepEqual(lastBody(), {
      model: MODEL,
      max_tokens: 256,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      tools: [{ name: JSON_TOOL_NAME, description: 'Respond with a JSON object that matches the "weather" schema.', input_schema: schema }],
      tool_choice: { type: 'tool', name: JSON_TOOL_NAME },
    });
    assert.deepEqual(response.choices[0], {
      index: 0,
      message: { role: 'assistant', refusal: null, content: '{"city":"Paris","celsius":18}' },
      logprobs: null,
      finish_reason: 'stop',
    });
  });

  it('parses a zod response_format into message.parsed', async () => {
    upstream.reply = { toolCalls: [{ name: JSON_TOOL_NAME, arguments: '{"city":"Rome","celsius":22}' }] };
    const response = await call({ response_format: z.object({ city: z.string(), celsius: z.number() }) });
    const body = lastBody() as { tools: Array<{ name: string; input_schema: { properties: Record<string, unknown> } }>; tool_choice: unknown };
    assert.equal(body.tools[0]?.name, JSON_TOOL_NAME);
    assert.deepEqual(Object.keys(body.tools[0]?.input_schema.properties ?? {}), ['city', 'celsius']);
    assert.deepEqual(body.tool_choice, { type: 'tool', name: JSON_TOOL_NAME });
    assert.deepEqual(response.choices[0]?.message.parsed, { city: 'Rome', celsius: 22 });
    assert.equal(response.choices[0]?.message.tool_calls, undefined);
  });

  it('maps a wrong key to AuthenticationError', async () => {
    await assert.rejects(
      completion({
        model: `anthropic/${MODEL}`,
        api_base: upstream.fake.url,
        api_key: 'sk-ant-wrong-key-999',
        http_client: upstream.http,
        max_tokens: 5,
        messages: [{ role: 'user', content: 'hi' }],
      }),
      (error: unknown) => error instanceof AuthenticationError && error.provider === 'anthropic' && error.code === 'authentication_error',
    );
  });

  it('maps 429 to RateLimitError with retry-after', async () => {
    const limited = anthropicError(429, 'rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit');
    upstream.reply = { error: { status: 429, body: limited.error?.body, headers: { 'retry-after': '7' } } };
    await assert.rejects(call({}), (error: unknown) => error instanceof RateLimitError && error.retryAfterSeconds === 7 && error.retryable);
  });

  it('maps 529 overloaded to ServiceUnavailableError', async () => {
    upstream.reply = anthropicError(529, 'overloaded_error', 'Overloaded');
    await assert.rejects(call({}), (error: unknown) => error instanceof ServiceUnavailableError && error.message === 'Overloaded' && error.fallbackAllowed);
  });

  it('maps 400 prompt is too long to ContextWindowExceededError', async () => {
    upstream.reply = anthropicError(400, 'invalid_request_error', 'prompt is too long: 212345 tokens > 200000 maximum');
    await assert.rejects(call({}), (error: unknown) => error instanceof ContextWindowExceededError && error.code === 'context_length_exceeded');
  });

  it('redacts the key when the upstream echoes it', async () => {
    upstream.reply = anthropicError(401, 'authentication_error', `invalid x-api-key ${API_KEY}`);
    await assert.rejects(call({}), (error: unknown) => error instanceof AuthenticationError && !error.message.includes(API_KEY));
  });

  it('rejects parameters Anthropic cannot honour, or drops them with a warning', async () => {
    const before = upstream.fake.requests.length;
    await assert.rejects(call({ n: 2 }), (error: unknown) => error instanceof UnsupportedParamsError && error.param === 'n');
    await assert.rejects(call({ seed: 42 }), (error: unknown) => error instanceof UnsupportedParamsError && error.param === 'seed');
    assert.equal(upstream.fake.requests.length, before);

    const response = await call({ seed: 42, presence_penalty: 0.5, drop_params: true });
    const body = lastBody() as Record<string, unknown>;
    assert.equal('seed' in body || 'presence_penalty' in body, false);
    assert.equal(response.llmux.warnings.length, 2);
    assert.match(response.llmux.warnings.join('\n'), /seed[\s\S]*presence_penalty/);
  });
});
