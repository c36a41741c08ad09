// The Gemini (AI Studio) adapter end to end through the public completion(): the exact wire
// body the fake upstream records, and the canonical response the caller gets back.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { FAKE_THOUGHT_SIGNATURE, googleErrorBody, retryInfo, startFakeGeminiUpstream, type FakeGeminiReply } from '@llmux/fake-upstreams';
import { z } from 'zod';
import {
  AuthenticationError,
  ContentPolicyViolationError,
  ContextWindowExceededError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServiceUnavailableError,
  UnsupportedParamsError,
} from '../../index.js';
import { completionThrough, useFakeUpstream } from '../__fixtures__/use-fake-upstream.js';
import { expectedReasoningUsage } from '../__fixtures__/expected-usage.js';
import { withSavedEnv } from '../__fixtures__/saved-env.js';

const API_KEY = 'AIzaSyFakeGeminiKey-0123456789';
const MODEL = 'gemini-2.5-flash';
const WEATHER_SCHEMA = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false };
const WEATHER_TOOL = { type: 'function', function: { name: 'get_weather', description: 'Weather for a city', parameters: WEATHER_SCHEMA } } as const;
const USER_HI = { role: 'user', parts: [{ text: 'hi' }] };

describe('gemini provider through completion()', () => {
  const upstream = useFakeUpstream<FakeGeminiReply>((reply) => startFakeGeminiUpstream({ apiKey: API_KEY, reply }), { content: `Hello from ${MODEL}` });

  const { call } = completionThrough(upstream, { model: `gemini/${MODEL}`, api_key: API_KEY });
  const lastBody = () => upstream.fake.requests.at(-1)?.json;

  it('sends system instructions, sampling parameters and the key header, and returns the canonical completion', async () => {
    upstream.reply = { content: 'low', usage: { promptTokens: 9, completionTokens: 1 } };
    const response = await call({
      messages: [
        { role: 'system', content: 'I say high you say low' },
        { role: 'developer', content: [{ type: 'text', text: 'Be brief.' }] },
        { role: 'user', content: 'high' },
      ],
      temperature: 0.3,
      top_p: 0.9,
      max_tokens: 100,
      stop: 'END',
      seed: 7,
      presence_penalty: 0.5,
      frequency_penalty: 0.25,
    });

    const recorded = upstream.fake.requests.at(-1);
    assert.equal(recorded?.url, `/v1beta/models/${MODEL}:generateContent`);
    assert.equal(recorded?.headers['x-goog-api-key'], API_KEY);
    assert.deepEqual(recorded?.json, {
      contents: [{ role: 'user', parts: [{ text: 'high' }] }],
      systemInstruction: { parts: [{ text: 'I say high you say low' }, { text: 'Be brief.' }] },
      generationConfig: { temperature: 0.3, topP: 0.9, maxOutputTokens: 100, stopSequences: ['END'], seed: 7, presencePenalty: 0.5, frequencyPenalty: 0.25 },
    });
    assert.equal(response.id, 'fakeResp000001');
    assert.equal(response.object, 'chat.completion');
    assert.equal(response.model, MODEL);
    assert.deepEqual(response.choices, [{ index: 0, message: { role: 'assistant', refusal: null, content: 'low' }, logprobs: null, finish_reason: 'stop' }]);
    assert.deepEqual(response.usage, expectedReasoningUsage(9, 1));
    assert.deepEqual(response.llmux.warnings, []);
  });

  it('accepts api_base with its version, and api_version', async () => {
    await call({ api_base: `${upstream.fake.url}/v1beta/` });
    assert.equal(upstream.fake.requests.at(-1)?.url, `/v1beta/models/${MODEL}:generateContent`);
    await call({ api_version: 'v1' });
    assert.equal(upstream.fake.requests.at(-1)?.url, `/v1/models/${MODEL}:generateContent`);
  });

  it('sends data: URLs as inlineData and http(s) URLs as fileData with a guessed mime type', async () => {
    await call({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Compare these.' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
            { type: 'image_url', image_url: { url: 'https://example.com/photos/cat.webp?size=large' } },
            { type: 'image_url', image_url: { url: 'https://example.com/render' } },
          ],
        },
      ],
    });
    assert.deepEqual(lastBody(), {
      contents: [
        {
          role: 'user',
          parts: [
            { text: 'Compare these.' },
            { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
            { fileData: { mimeType: 'image/webp', fileUri: 'https://example.com/photos/cat.webp?size=large' } },
            { fileData: { mimeType: 'image/jpeg', fileUri: 'https://example.com/render' } },
          ],
        },
      ],
    });
  });

  it('sends tools as JSON Schema with each tool_choice', async () => {
    const declarations = [{ name: 'get_weather', description: 'Weather for a city', parametersJsonSchema: WEATHER_SCHEMA }];
    const expected = [
      ['auto', { functionCallingConfig: { mode: 'AUTO' } }],
      ['required', { functionCallingConfig: { mode: 'ANY' } }],
      ['none', { functionCallingConfig: { mode: 'NONE' } }],
      [{ type: 'function', function: { name: 'get_weather' } }, { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_weather'] } }],
    ] as const;
    for (const [choice, toolConfig] of expected) {
      await call({ tools: [WEATHER_TOOL], tool_choice: choice });
      assert.deepEqual(lastBody(), { contents: [USER_HI], tools: [{ functionDeclarations: declarations }], toolConfig }, JSON.stringify(choice));
    }
    await call({ tools: [{ type: 'function', function: { name: 'now' } }] });
    assert.deepEqual(lastBody(), { contents: [USER_HI], tools: [{ functionDeclarations: [{ name: 'now' }] }] });
  });

  it('returns function calls as tool_calls, and sends the conversation back with the thought signature', async () => {
    upstream.reply = {
      toolCalls: [
        { name: 'get_weather', arguments: '{"city":"Paris"}' },
        { name: 'get_weather', arguments: '{"city":"Rome"}' },
      ],
    };
    const first = await call({ messages: [{ role: 'user', content: 'Weather in Paris and Rome?' }], tools: [WEATHER_TOOL] });
    const choice = first.choices[0];
    assert.equal(choice?.finish_reason, 'tool_calls');
    assert.equal(choice?.message.content, null);
    const calls = choice?.message.tool_calls ?? [];
    assert.deepEqual(
      calls.map((toolCall) => [toolCall.type, toolCall.function.name, toolCall.function.arguments]),
      [
        ['function', 'get_weather', '{"city":"Paris"}'],
        ['function', 'get_weather', '{"city":"Rome"}'],
      ],
    );
    assert.match(calls[0]?.id ?? '', /^call_[0-9a-f]{24}__thought__[A-Za-z0-9_-]+$/);
    assert.match(calls[1]?.id ?? '', /^call_[0-9a-f]{24}$/);
    assert.notEqual(calls[0]?.id, calls[1]?.id);

    upstream.reply = { content: 'Sunny in Paris, rainy in Rome.' };
    const second = await call({
      messages: [
        { role: 'user', content: 'Weather in Paris and Rome?' },
        { role: 'assistant', content: null, tool_calls: calls },
        { role: 'tool', tool_call_id: calls[0]?.id ?? '', content: 'sunny' },
        { role: 'tool', tool_call_id: calls[1]?.id ?? '', content: [{ type: 'text', text: 'rainy' }] },
      ],
      tools: [WEATHER_TOOL],
    });
    assert.equal(second.choices[0]?.message.content, 'Sunny in Paris, rainy in Rome.');
    assert.deepEqual(lastBody(), {
      contents: [
        { role: 'user', parts: [{ text: 'Weather in Paris and Rome?' }] },
        {
          role: 'model',
          parts: [
            { functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: FAKE_THOUGHT_SIGNATURE },
            { functionCall: { name: 'get_weather', args: { city: 'Rome' } } },
          ],
        },
        {
          role: 'user',
          parts: [{ functionResponse: { name: 'get_weather', response: { content: 'sunny' } } }, { functionResponse: { name: 'get_weather', response: { content: 'rainy' } } }],
        },
      ],
      tools: [{ functionDeclarations: [{ name: 'get_weather', description: 'Weather for a city', parametersJsonSchema: WEATHER_SCHEMA }] }],
    });
  });

  it('refuses a tool message whose call it cannot find', async () => {
    await assert.rejects(
      call({
        messages: [
          { role: 'user', content: 'hi' },
          { role: 'tool', tool_call_id: 'call_unknown', content: 'x' },
        ],
      }),
      {
        name: 'BadRequestError',
        param: 'messages[1].tool_call_id',
      },
    );
  });

  it('asks for JSON with responseJsonSchema, and validates a zod response_format', async () => {
    upstream.reply = { content: '{"name":"Ada","age":36}' };
    const schema = { type: 'object', properties: { name: { type: 'string' }, age: { type: 'integer' } }, required: ['name', 'age'] };
    const response = await call({ response_format: { type: 'json_schema', json_schema: { name: 'person', schema } } });
    assert.deepEqual(lastBody(), { contents: [USER_HI], generationConfig: { responseMimeType: 'application/json', responseJsonSchema: schema } });
    assert.equal(response.choices[0]?.message.content, '{"name":"Ada","age":36}');

    await call({ response_format: { type: 'json_object' } });
    assert.deepEqual(lastBody(), { contents: [USER_HI], generationConfig: { responseMimeType: 'application/json' } });

    const parsed = await call({ response_format: z.object({ name: z.string(), age: z.number() }) });
    assert.deepEqual(parsed.choices[0]?.message.parsed, { name: 'Ada', age: 36 });
    const config = (lastBody() as { generationConfig: { responseMimeType: string; responseJsonSchema: { type: string } } }).generationConfig;
    assert.equal(config.responseMimeType, 'application/json');
    assert.equal(config.responseJsonSchema.type, 'object');
  });

  it('maps reasoning_effort to a thinking budget and returns thoughts, reasoning and cached tokens', async () => {
    upstream.reply = { reasoning: 'The user greets me politely.', content: 'Hello!', usage: { promptTokens: 120, completionTokens: 30, cachedTokens: 100 }, thoughtsTokens: 25 };
    const response = await call({ reasoning_effort: 'medium' });
    assert.deepEqual(lastBody(), { contents: [USER_HI], generationConfig: { thinkingConfig: { thinkingBudget: 8192, includeThoughts: true } } });
    assert.deepEqual(response.choices[0]?.message, { role: 'assistant', refusal: null, content: 'Hello!', reasoning_content: 'The user greets me politely.' });
    // completion_tokens counts thinking too, as OpenAI's does.
    assert.deepEqual(response.usage, expectedReasoningUsage(120, 30, { cached: 100, reasoning: 25 }));
  });

  it('returns one choice per candidate for n', async () => {
    upstream.reply = { content: 'same' };
    const response = await call({ n: 2 });
    assert.deepEqual((lastBody() as { generationConfig: unknown }).generationConfig, { candidateCount: 2 });
    assert.deepEqual(
      response.choices.map((choice) => [choice.index, choice.message.content]),
      [
        [0, 'same'],
        [1, 'same'],
      ],
    );
  });

  it('maps finish reasons: MAX_TOKENS to length, SAFETY to content_filter', async () => {
    upstream.reply = { content: 'Once upon', finish: 'length' };
    assert.equal((await call({})).choices[0]?.finish_reason, 'length');
    upstream.reply = { finish: 'content_filter' };
    const filtered = await call({});
    assert.deepEqual(filtered.choices[0], { index: 0, message: { role: 'assistant', refusal: null, content: null }, logprobs: null, finish_reason: 'content_filter' });
  });

  it('throws ContentPolicyViolationError for a prompt Gemini blocked', async () => {
    upstream.reply = { promptBlockReason: 'PROHIBITED_CONTENT' };
    await assert.rejects(call({}), (error: unknown) => {
      assert.ok(error instanceof ContentPolicyViolationError);
      assert.equal(error.status, 400);
      assert.equal(error.fallbackAllowed, true);
      assert.match(error.message, /blocked the prompt \(PROHIBITED_CONTENT\)/);
      return true;
    });
  });

  it('maps Google errors to typed errors, without the key', async () => {
    await assert.rejects(call({ api_key: 'AIzaSyWrongKey-987654321' }), (error: unknown) => {
      assert.ok(error instanceof AuthenticationError);
      assert.equal(error.code, 'API_KEY_INVALID');
      assert.equal(error.provider, 'gemini');
      return true;
    });

    upstream.reply = { error: { status: 429, body: googleErrorBody(429, 'RESOURCE_EXHAUSTED', 'You exceeded your current quota, please check your plan.', [retryInfo(34.4)]) } };
    await assert.rejects(call({}), (error: unknown) => {
      assert.ok(error instanceof RateLimitError);
      assert.equal(error.retryAfterSeconds, 34.4);
      assert.equal(error.code, 'RESOURCE_EXHAUSTED');
      return true;
    });

    upstream.reply = { error: { status: 404, body: googleErrorBody(404, 'NOT_FOUND', 'models/gemini-9 is not found for API version v1beta') } };
    await assert.rejects(call({}), NotFoundError);
    upstream.reply = { error: { status: 403, body: googleErrorBody(403, 'PERMISSION_DENIED', 'Generative Language API has not been used in project 1 before') } };
    await assert.rejects(call({}), PermissionDeniedError);
    upstream.reply = { error: { status: 503, body: googleErrorBody(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.') } };
    await assert.rejects(call({}), (error: unknown) => error instanceof ServiceUnavailableError && error.retryable);
    upstream.reply = {
      error: { status: 400, body: googleErrorBody(400, 'INVALID_ARGUMENT', 'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).') },
    };
    await assert.rejects(call({}), ContextWindowExceededError);
    upstream.reply = { error: { status: 400, body: googleErrorBody(400, 'INVALID_ARGUMENT', `Invalid value for key ${API_KEY}`) } };
    await assert.rejects(call({}), (error: unknown) => {
      assert.ok(error instanceof Error);
      assert.equal(error.name, 'BadRequestError');
      assert.ok(!error.message.includes(API_KEY), error.message);
      return true;
    });
  });

  it('needs a key, from api_key or GEMINI_API_KEY / GOOGLE_API_KEY', async () => {
    await withSavedEnv(['GEMINI_API_KEY', 'GOOGLE_API_KEY'], async () => {
      delete process.env['GEMINI_API_KEY'];
      delete process.env['GOOGLE_API_KEY'];
      await assert.rejects(call({ api_key: undefined }), (error: unknown) => {
        assert.ok(error instanceof AuthenticationError);
        assert.match(error.message, /GEMINI_API_KEY or GOOGLE_API_KEY/);
        return true;
      });
      process.env['GOOGLE_API_KEY'] = API_KEY;
      await call({ api_key: undefined });
      assert.equal(upstream.fake.requests.at(-1)?.headers['x-goog-api-key'], API_KEY);
    });
  });

  it('rejects parameters Gemini cannot honour, or drops them with a warning', async () => {
    await assert.rejects(call({ user: 'u-1' }), (error: unknown) => error instanceof UnsupportedParamsError && error.param === 'user');
    const response = await call({ user: 'u-1', logit_bias: { '1': 2 }, drop_params: true });
    assert.deepEqual(lastBody(), { contents: [USER_HI] });
    assert.equal(response.llmux.warnings.length, 2);
    await call({ tools: [WEATHER_TOOL], parallel_tool_calls: false }).then((result) => {
      assert.match(result.llmux.warnings[0] ?? '', /parallel_tool_calls/);
    });
  });
});
