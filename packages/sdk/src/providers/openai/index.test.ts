// The OpenAI adapter end to end: completion() and embedding() against the fake OpenAI
// upstream, asserting the exact wire request it recorded and the canonical result.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { startFakeOpenAIUpstream } from '@llmux/fake-upstreams';
import { completion, embedding, getDefaultProviderRegistry, getSharedHttpClient, type ChatMessage } from '../../index.js';
import { useFakeUpstream } from '../__fixtures__/use-fake-upstream.js';
import { collectStream } from '../__fixtures__/collect-stream.js';

const API_KEY = 'sk-test-openai-key-123456';

describe('openai adapter', () => {
  const upstream = useFakeUpstream((reply) => startFakeOpenAIUpstream({ apiKey: API_KEY, reply, models: ['gpt-4o-mini'] }), { content: 'Hello there' });
  const base = () => ({ api_base: `${upstream.fake.url}/v1`, api_key: API_KEY });
  const lastSent = () => upstream.fake.requests.at(-1);

  it('sends the canonical request as the body and returns the canonical completion', async () => {
    upstream.reply = { content: 'Hi!', usage: { promptTokens: 11, completionTokens: 2, cachedTokens: 4 } };
    const messages: ChatMessage[] = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hello' },
    ];
    const response = await completion({ model: 'openai/gpt-4o-mini', messages, temperature: 0.2, max_completion_tokens: 50, user: 'u1', ...base() });

    const sent = lastSent();
    assert.equal(sent?.method, 'POST');
    assert.equal(sent?.url, '/v1/chat/completions');
    assert.equal(sent?.headers.authorization, `Bearer ${API_KEY}`);
    assert.equal(sent?.headers['content-type'], 'application/json');
    assert.deepEqual(sent?.json, { model: 'gpt-4o-mini', messages, temperature: 0.2, max_completion_tokens: 50, user: 'u1' });

    assert.equal(response.object, 'chat.completion');
    assert.equal(response.model, 'gpt-4o-mini');
    assert.match(response.id, /^chatcmpl-/);
    assert.deepEqual(response.choices, [{ index: 0, message: { role: 'assistant', content: 'Hi!', refusal: null }, finish_reason: 'stop', logprobs: null }]);
    assert.deepEqual(response.usage, {
      prompt_tokens: 11,
      completion_tokens: 2,
      total_tokens: 13,
      prompt_tokens_details: { cached_tokens: 4, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    });
    assert.equal(response.llmux.provider, 'openai');
    assert.ok(response.llmux.cost !== null && response.llmux.cost > 0);
  });

  it('resolves bare OpenAI model names and passes extra headers and the organization', async () => {
    await completion({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }], extra_headers: { 'x-trace': 't1' }, organization: 'org-7', ...base() });
    assert.equal(lastSent()?.headers['x-trace'], 't1');
    assert.equal(lastSent()?.headers['openai-organization'], 'org-7');
    assert.equal((lastSent()?.json as { organization?: unknown }).organization, undefined);
    assert.equal((lastSent()?.json as { model: string }).model, 'gpt-4o-mini');
  });

  it('streams canonical chunks, hiding usage unless asked, and prices the call', async () => {
    upstream.reply = { content: 'one two three', usage: { promptTokens: 5, completionTokens: 3 } };
    const stream = await completion({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'count' }], stream: true, ...base() });
    const chunks = await collectStream(stream);

    // llmux always asks the upstream for usage, to price every call.
    assert.deepEqual((lastSent()?.json as { stream_options?: unknown }).stream_options, { include_usage: true });
    assert.equal((lastSent()?.json as { stream?: unknown }).stream, true);
    assert.equal(lastSent()?.headers.accept, 'text/event-stream');
    assert.deepEqual(chunks[0]?.choices[0]?.delta, { role: 'assistant', content: '', refusal: null });
    assert.equal(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), 'one two three');
    assert.ok(chunks.every((chunk) => chunk.object === 'chat.completion.chunk' && chunk.usage === undefined && chunk.choices.length === 1));
    assert.equal(chunks.at(-1)?.choices[0]?.finish_reason, 'stop');
    assert.ok(chunks.slice(0, -1).every((chunk) => chunk.choices[0]?.finish_reason === null));
    assert.equal(stream.usage?.total_tokens, 8);
    assert.ok(stream.llmux.cost !== null && stream.llmux.cost > 0);
  });

  it('streams the usage chunk when the caller asks for it', async () => {
    upstream.reply = { content: 'a b', usage: { promptTokens: 4, completionTokens: 2 } };
    const stream = await completion({
      model: 'openai/gpt-4o-mini',
      messages: [{ role: 'user', content: 'x' }],
      stream: true,
      stream_options: { include_usage: true },
      ...base(),
    });
    const chunks = await collectStream(stream);
    const last = chunks.at(-1);
    assert.deepEqual(last?.choices, []);
    assert.equal(last?.usage?.prompt_tokens, 4);
    assert.equal(chunks.filter((chunk) => chunk.usage !== undefined).length, 1);
  });

  it('round-trips tools: tool calls out, assistant tool_calls and tool results back', async () => {
    const tools = [
      { type: 'function' as const, function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } },
    ];
    upstream.reply = { toolCalls: [{ id: 'call_abc123', name: 'get_weather', arguments: '{"city":"Paris"}' }] };
    const first = await completion({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'Weather in Paris?' }], tools, tool_choice: 'auto', ...base() });
    assert.deepEqual((lastSent()?.json as { tools?: unknown }).tools, tools);
    assert.equal((lastSent()?.json as { tool_choice?: unknown }).tool_choice, 'auto');
    const message = first.choices[0]?.message;
    assert.equal(first.choices[0]?.finish_reason, 'tool_calls');
    assert.equal(message?.content, null);
    assert.deepEqual(message?.tool_calls, [{ id: 'call_abc123', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }]);

    upstream.reply = { content: 'It is sunny.' };
    const history: ChatMessage[] = [
      { role: 'user', content: 'Weather in Paris?' },
      { role: 'assistant', content: null, tool_calls: message?.tool_calls ?? [] },
      { role: 'tool', tool_call_id: 'call_abc123', content: '{"sky":"clear"}' },
    ];
    const second = await completion({ model: 'openai/gpt-4o-mini', messages: history, tools, ...base() });
    assert.deepEqual((lastSent()?.json as { messages: unknown }).messages, history);
    assert.equal(second.choices[0]?.message.content, 'It is sunny.');
  });

  it('streams tool calls as id/type/name then argument fragments', async () => {
    upstream.reply = { toolCalls: [{ id: 'call_s1', name: 'lookup', arguments: '{"query":"llmux streams"}' }] };
    const stream = await completion({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'x' }], stream: true, ...base() });
    const deltas = [];
    for await (const chunk of stream) deltas.push(...(chunk.choices[0]?.delta.tool_calls ?? []));
    assert.deepEqual(deltas[0], { index: 0, id: 'call_s1', type: 'function', function: { name: 'lookup', arguments: '' } });
    assert.ok(deltas.slice(1).every((delta) => delta.index === 0 && delta.id === undefined));
    assert.equal(deltas.map((delta) => delta.function?.arguments ?? '').join(''), '{"query":"llmux streams"}');
  });

  it('passes vision parts and json_schema through unchanged', async () => {
    const messages: ChatMessage[] = [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is in this image?' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'low' } },
        ],
      },
    ];
    const response_format = {
      type: 'json_schema' as const,
      json_schema: { name: 'answer', strict: true, schema: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'], additionalProperties: false } },
    };
    upstream.reply = { content: '{"a":"cat"}' };
    const response = await completion({ model: 'openai/gpt-4o-mini', messages, response_format, ...base() });
    const sent = lastSent()?.json as { messages: unknown; response_format: unknown };
    assert.deepEqual(sent.messages, messages);
    assert.deepEqual(sent.response_format, response_format);
    assert.equal(response.choices[0]?.message.content, '{"a":"cat"}');
  });

  it('embeds through POST /embeddings', async () => {
    const result = await embedding({ model: 'openai/text-embedding-3-small', input: ['alpha', 'beta'], encoding_format: 'float', ...base() });
    assert.equal(lastSent()?.url, '/v1/embeddings');
    assert.deepEqual(lastSent()?.json, { model: 'text-embedding-3-small', input: ['alpha', 'beta'], encoding_format: 'float' });
    assert.equal(result.object, 'list');
    assert.equal(result.data.length, 2);
    assert.equal(result.data[1]?.index, 1);
    assert.equal((result.data[0]?.embedding as number[]).length, 8);
    assert.equal(result.usage.prompt_tokens, 2);
  });

  it('lists models through GET /models', async () => {
    const adapter = getDefaultProviderRegistry().get('openai');
    const list = await adapter.listModels?.({
      provider: 'openai',
      model: '',
      apiKey: API_KEY,
      apiBase: `${upstream.fake.url}/v1`,
      settings: {},
      timeoutMs: 5000,
      http: getSharedHttpClient(),
      warnings: [],
    });
    assert.equal(lastSent()?.method, 'GET');
    assert.equal(lastSent()?.url, '/v1/models');
    assert.equal(lastSent()?.headers['content-type'], undefined);
    assert.deepEqual(list, { object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model', created: 1715367049, owned_by: 'system' }] });
  });

  it('declares every OpenAI parameter supported', () => {
    const adapter = getDefaultProviderRegistry().get('openai');
    assert.ok(adapter.supportedParams.has('logit_bias') && adapter.supportedParams.has('service_tier'));
  });
});
