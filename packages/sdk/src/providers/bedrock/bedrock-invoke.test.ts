// The InvokeModel routes end to end against the fake Bedrock Runtime: Claude through the
// Anthropic converters (`bedrock/invoke/…`), streamed as base64 Anthropic events inside
// event-stream chunks, and Titan / Cohere embeddings through embedding().

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { signFakeThinking, startFakeBedrockUpstream } from '@llmux/fake-upstreams';
import { BadRequestError, completion, embedding, ServiceUnavailableError } from '../../index.js';
import { useFakeUpstream } from '../__fixtures__/use-fake-upstream.js';
import { expectedCacheUsage } from '../__fixtures__/expected-usage.js';
import { collectStream } from '../__fixtures__/collect-stream.js';

const REGION = 'us-west-2';
const ACCESS_KEY_ID = 'AKIAFAKEINVOKE000001';
const SECRET = 'fake-invoke-secret-000000000000000000000';
const CLAUDE = 'anthropic.claude-3-7-sonnet-20250219-v1:0';

describe('bedrock adapter, InvokeModel', () => {
  const upstream = useFakeUpstream(
    (reply) =>
      startFakeBedrockUpstream({
        accessKeyId: ACCESS_KEY_ID,
        secretAccessKey: SECRET,
        region: REGION,
        reply,
        streamException: { type: 'modelStreamErrorException', payload: { message: 'Model is overloaded', originalStatusCode: 529 } },
      }),
    { content: 'Hello from Claude' },
  );
  const settings = () => ({ aws_access_key_id: ACCESS_KEY_ID, aws_secret_access_key: SECRET, aws_region_name: REGION, aws_bedrock_runtime_endpoint: upstream.fake.url });
  const lastSent = () => upstream.fake.requests.at(-1);

  it('sends the Anthropic body without model and stream, with the Bedrock version, and converts the message', async () => {
    upstream.reply = { content: 'Hi!', usage: { promptTokens: 20, completionTokens: 3, cachedTokens: 8 } };
    const response = await completion({
      model: `bedrock/invoke/${CLAUDE}`,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello' },
      ],
      max_tokens: 100,
      temperature: 0.5,
      ...settings(),
    });
    assert.equal(lastSent()?.url, '/model/anthropic.claude-3-7-sonnet-20250219-v1%3A0/invoke');
    assert.deepEqual(lastSent()?.json, {
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 100,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
      system: 'Be brief.',
      temperature: 0.5,
    });
    assert.equal(response.id, 'msg_bdrk_fake000001');
    assert.deepEqual(response.choices, [{ index: 0, message: { role: 'assistant', refusal: null, content: 'Hi!' }, logprobs: null, finish_reason: 'stop' }]);
    assert.deepEqual(response.usage, expectedCacheUsage(20, 3, { read: 8 }));
  });

  it('streams InvokeModelWithResponseStream chunks as canonical chunks, tools and usage included', async () => {
    upstream.reply = { content: 'Let me check.', toolCalls: [{ id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Oslo"}' }] };
    const stream = await completion({
      model: `bedrock/invoke/${CLAUDE}`,
      messages: [{ role: 'user', content: 'Weather?' }],
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
      max_tokens: 100,
      stream: true,
      stream_options: { include_usage: true },
      ...settings(),
    });
    const chunks = await collectStream(stream);
    assert.equal(lastSent()?.url, '/model/anthropic.claude-3-7-sonnet-20250219-v1%3A0/invoke-with-response-stream');
    assert.equal(lastSent()?.headers.accept, 'application/vnd.amazon.eventstream');
    assert.equal(lastSent()?.headers['x-amzn-bedrock-accept'], 'application/json');
    const body = lastSent()?.json as Record<string, unknown>;
    assert.equal(body['stream'], undefined);
    assert.equal(body['model'], undefined);
    assert.deepEqual(body['tools'], [{ name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }]);

    assert.equal(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), 'Let me check.');
    const calls = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    assert.deepEqual(calls[0], { index: 0, id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '' } });
    assert.equal(calls.map((call) => call.function?.arguments ?? '').join(''), '{"city":"Oslo"}');
    assert.equal(chunks.at(-2)?.choices[0]?.finish_reason, 'tool_calls');
    assert.equal(chunks.at(-1)?.usage?.total_tokens, 15);
  });

  it('emulates response_format and thinking through the Anthropic converters', async () => {
    upstream.reply = { reasoning: 'Hmm.', toolCalls: [{ name: 'json_tool_call', arguments: '{"ok":true}' }] };
    const response = await completion({
      model: `bedrock/invoke/${CLAUDE}`,
      messages: [{ role: 'user', content: 'JSON' }],
      response_format: { type: 'json_object' },
      reasoning_effort: 'minimal',
      ...settings(),
    });
    const body = lastSent()?.json as Record<string, unknown>;
    assert.deepEqual(body['thinking'], { type: 'enabled', budget_tokens: 1024 });
    assert.deepEqual(body['tool_choice'], { type: 'auto' });
    assert.deepEqual(response.choices[0]?.message, {
      role: 'assistant',
      refusal: null,
      content: '{"ok":true}',
      reasoning_content: 'Hmm.',
      thinking_blocks: [{ type: 'thinking', thinking: 'Hmm.', signature: signFakeThinking('Hmm.') }],
    });
  });

  it('throws a mid-stream exception frame as the typed error', async () => {
    upstream.reply = { content: 'one two three', failAfterChunks: 1 };
    const stream = await completion({ model: `bedrock/invoke/${CLAUDE}`, messages: [{ role: 'user', content: 'x' }], max_tokens: 10, stream: true, ...settings() });
    await assert.rejects(
      (async () => {
        for await (const _chunk of stream);
      })(),
      (error: unknown) => error instanceof Error && error.name === 'BadGatewayError' && /Model is overloaded/.test(error.message),
    );
  });

  it('refuses InvokeModel chat for models whose body it does not speak', async () => {
    await assert.rejects(
      completion({ model: 'bedrock/invoke/ai21.jamba-1-5-large-v1:0', messages: [{ role: 'user', content: 'x' }], ...settings() }),
      (error: unknown) => error instanceof BadRequestError && /bedrock\/converse\/ai21\.jamba/.test(error.message),
    );
  });

  it('embeds with Titan, one call per input, with dimensions and token counts', async () => {
    const result = await embedding({ model: 'bedrock/amazon.titan-embed-text-v2:0', input: ['hello world', 'bye'], dimensions: 4, ...settings() });
    const sent = upstream.fake.requests.slice(-2);
    assert.deepEqual(
      sent.map((request) => request.url),
      ['/model/amazon.titan-embed-text-v2%3A0/invoke', '/model/amazon.titan-embed-text-v2%3A0/invoke'],
    );
    assert.deepEqual(
      sent.map((request) => request.json).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
      [
        { inputText: 'bye', dimensions: 4 },
        { inputText: 'hello world', dimensions: 4 },
      ],
    );
    assert.equal(result.object, 'list');
    assert.equal(result.model, 'amazon.titan-embed-text-v2:0');
    assert.deepEqual(
      result.data.map((item) => [item.index, (item.embedding as number[]).length]),
      [
        [0, 4],
        [1, 4],
      ],
    );
    assert.deepEqual(result.usage, { prompt_tokens: 3, total_tokens: 3 });

    const base64 = await embedding({ model: 'bedrock/amazon.titan-embed-text-v2:0', input: 'hello world', dimensions: 4, encoding_format: 'base64', ...settings() });
    const decoded = Array.from(new Float32Array(new Uint8Array(Buffer.from(base64.data[0]?.embedding as string, 'base64')).buffer));
    assert.deepEqual(decoded, result.data[0]?.embedding);

    const v1 = await embedding({ model: 'bedrock/amazon.titan-embed-text-v1', input: 'x', dimensions: 4, ...settings() });
    assert.deepEqual(lastSent()?.json, { inputText: 'x' });
    assert.match(v1.llmux.warnings.join('\n'), /dropped parameter "dimensions"/);
  });

  it('embeds with Cohere in one call, counting tokens from the response header', async () => {
    const result = await embedding({ model: 'bedrock/cohere.embed-english-v3', input: ['a b', 'c'], input_type: 'search_query', ...settings() });
    assert.deepEqual(lastSent()?.json, { texts: ['a b', 'c'], input_type: 'search_query' });
    assert.equal(result.data.length, 2);
    assert.deepEqual(result.usage, { prompt_tokens: 3, total_tokens: 3 });
    await embedding({ model: 'bedrock/cohere.embed-multilingual-v3', input: 'x', ...settings() });
    assert.deepEqual(lastSent()?.json, { texts: ['x'], input_type: 'search_document' });
  });

  it('refuses token input and unknown embedding models', async () => {
    await assert.rejects(embedding({ model: 'bedrock/amazon.titan-embed-text-v2:0', input: [1, 2, 3], ...settings() }), BadRequestError);
    await assert.rejects(embedding({ model: 'bedrock/meta.llama3-70b-instruct-v1:0', input: 'x', ...settings() }), /not a supported embedding model/);
  });

  it('maps an HTTP error of InvokeModel like Converse does', async () => {
    upstream.reply = { error: { status: 503, body: { message: 'Bedrock is unable to process your request.' }, headers: { 'x-amzn-errortype': 'ServiceUnavailableException' } } };
    await assert.rejects(completion({ model: `bedrock/invoke/${CLAUDE}`, messages: [{ role: 'user', content: 'x' }], ...settings() }), ServiceUnavailableError);
  });
});
