// Gemini streaming end to end through completion({ stream: true }): canonical chunks from the
// CRLF-framed SSE stream, usage at the end, and failures before and after the commit point.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { googleErrorBody, startFakeGeminiUpstream, type FakeGeminiReply } from '@llmux/fake-upstreams';
import {
  APIConnectionError,
  ContentPolicyViolationError,
  RateLimitError,
  ServiceUnavailableError,
  embedding,
  type ChatCompletionChunk,
  type CompletionParams,
} from '../../index.js';
import { completionThrough, useFakeUpstream } from '../__fixtures__/use-fake-upstream.js';
import { expectedReasoningUsage } from '../__fixtures__/expected-usage.js';
import { collectStream } from '../__fixtures__/collect-stream.js';

const API_KEY = 'AIzaSyFakeGeminiStream-0123456789';
const MODEL = 'gemini-2.5-pro';

describe('gemini streaming and embeddings through the public API', () => {
  const upstream = useFakeUpstream<FakeGeminiReply>((reply) => startFakeGeminiUpstream({ apiKey: API_KEY, reply }), {
    content: 'Hello there friend',
    usage: { promptTokens: 7, completionTokens: 3 },
  });

  const { stream } = completionThrough(upstream, { model: `gemini/${MODEL}`, api_key: API_KEY });
  const collect = async (params: Partial<CompletionParams> = {}): Promise<ChatCompletionChunk[]> => collectStream(await stream(params));
  const deltas = (chunks: ChatCompletionChunk[]) => chunks.flatMap((chunk) => chunk.choices.map((choice) => [choice.delta, choice.finish_reason]));

  it('streams text deltas, then the finish reason, then usage when asked', async () => {
    const chunks = await collect({ stream_options: { include_usage: true } });
    assert.equal(upstream.fake.requests.at(-1)?.url, `/v1beta/models/${MODEL}:streamGenerateContent?alt=sse`);
    assert.equal(upstream.fake.requests.at(-1)?.headers.accept, 'text/event-stream');
    assert.deepEqual(deltas(chunks), [
      [{ role: 'assistant', content: 'Hello ' }, null],
      [{ content: 'there ' }, null],
      [{ content: 'friend' }, null],
      [{}, 'stop'],
    ]);
    assert.ok(chunks.every((chunk) => chunk.id === chunks[0]?.id && chunk.object === 'chat.completion.chunk' && chunk.model === MODEL));
    assert.deepEqual(chunks.at(-1)?.choices, []);
    assert.deepEqual(chunks.at(-1)?.usage, expectedReasoningUsage(7, 3));
  });

  it('hides the usage chunk unless asked, but still records usage and cost', async () => {
    const result = await stream();
    const chunks = await collectStream(result);
    assert.ok(chunks.every((chunk) => chunk.usage === undefined));
    assert.equal(result.usage?.total_tokens, 10);
  });

  it('streams thoughts as reasoning_content and counts thinking tokens', async () => {
    upstream.reply = { reasoning: 'Think first.', content: 'Done.', usage: { promptTokens: 5, completionTokens: 12, cachedTokens: 2 }, thoughtsTokens: 10 };
    const chunks = await collect({ reasoning_effort: 'high', stream_options: { include_usage: true } });
    assert.deepEqual((upstream.fake.requests.at(-1)?.json as { generationConfig: unknown }).generationConfig, { thinkingConfig: { thinkingBudget: 24576, includeThoughts: true } });
    assert.deepEqual(deltas(chunks), [
      [{ role: 'assistant', reasoning_content: 'Think ' }, null],
      [{ reasoning_content: 'first.' }, null],
      [{ content: 'Done.' }, null],
      [{}, 'stop'],
    ]);
    assert.deepEqual(chunks.at(-1)?.usage, expectedReasoningUsage(5, 12, { cached: 2, reasoning: 10 }));
  });

  it('streams each function call whole, with finish_reason tool_calls', async () => {
    upstream.reply = {
      content: 'Checking.',
      toolCalls: [
        { name: 'get_weather', arguments: '{"city":"Paris"}' },
        { name: 'get_time', arguments: '{}' },
      ],
    };
    const chunks = await collect({
      tools: [
        { type: 'function', function: { name: 'get_weather' } },
        { type: 'function', function: { name: 'get_time' } },
      ],
    });
    const toolDeltas = chunks.flatMap((chunk) => chunk.choices.flatMap((choice) => choice.delta.tool_calls ?? []));
    assert.deepEqual(
      toolDeltas.map((call) => [call.index, call.type, call.function?.name, call.function?.arguments]),
      [
        [0, 'function', 'get_weather', '{"city":"Paris"}'],
        [1, 'function', 'get_time', '{}'],
      ],
    );
    assert.match(toolDeltas[0]?.id ?? '', /__thought__/);
    assert.equal(chunks.at(-1)?.choices[0]?.finish_reason, 'tool_calls');
  });

  it('throws errors before the first content from completion() itself', async () => {
    upstream.reply = { error: { status: 429, body: googleErrorBody(429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).') } };
    await assert.rejects(stream(), RateLimitError);
    upstream.reply = { content: 'never shown', failAfterChunks: 0 };
    await assert.rejects(stream(), ServiceUnavailableError);
    upstream.reply = { promptBlockReason: 'SAFETY' };
    await assert.rejects(stream(), ContentPolicyViolationError);
  });

  it('throws a mid-stream error event as the typed error, after the content before it', async () => {
    upstream.reply = { content: 'one two three four', failAfterChunks: 2 };
    const seen: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const chunk of await stream()) seen.push(chunk.choices[0]?.delta.content ?? '');
      })(),
      (error: unknown) => error instanceof ServiceUnavailableError && /overloaded/.test(error.message),
    );
    assert.deepEqual(seen, ['one ', 'two ']);
  });

  it('turns a connection dropped before the final chunk into APIConnectionError', async () => {
    upstream.reply = { content: 'one two three four', dropAfterChunks: 2 };
    await assert.rejects(collect(), APIConnectionError);
  });

  it('embeds texts with batchEmbedContents, as floats or base64', async () => {
    const result = await embedding({
      model: 'gemini/gemini-embedding-001',
      api_base: upstream.fake.url,
      api_key: API_KEY,
      http_client: upstream.http,
      input: ['alpha', 'beta'],
      dimensions: 4,
    });
    assert.equal(upstream.fake.requests.at(-1)?.url, '/v1beta/models/gemini-embedding-001:batchEmbedContents');
    assert.deepEqual(upstream.fake.requests.at(-1)?.json, {
      requests: [
        { model: 'models/gemini-embedding-001', content: { parts: [{ text: 'alpha' }] }, outputDimensionality: 4 },
        { model: 'models/gemini-embedding-001', content: { parts: [{ text: 'beta' }] }, outputDimensionality: 4 },
      ],
    });
    assert.equal(result.object, 'list');
    assert.deepEqual(
      result.data.map((item) => [item.object, item.index, (item.embedding as number[]).length]),
      [
        ['embedding', 0, 4],
        ['embedding', 1, 4],
      ],
    );
    assert.deepEqual(result.usage, { prompt_tokens: 0, total_tokens: 0 });

    const encoded = await embedding({
      model: 'gemini/text-embedding-004',
      api_base: upstream.fake.url,
      api_key: API_KEY,
      http_client: upstream.http,
      input: 'alpha',
      dimensions: 4,
      encoding_format: 'base64',
    });
    const bytes = Buffer.from(encoded.data[0]?.embedding as string, 'base64');
    const floats = Array.from({ length: bytes.length / 4 }, (_, index) => bytes.readFloatLE(index * 4));
    assert.deepEqual(floats, result.data[0]?.embedding);
    await assert.rejects(embedding({ model: 'gemini/text-embedding-004', api_base: upstream.fake.url, api_key: API_KEY, http_client: upstream.http, input: [1, 2, 3] }), {
      name: 'BadRequestError',
      param: 'input',
    });
  });
});
