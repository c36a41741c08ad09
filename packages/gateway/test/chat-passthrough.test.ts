// /v1/chat/completions passed through to deployments that speak OpenAI chat, against the
// translated path (general_settings.chat_passthrough: false) over the same upstreams:
// - an upstream that answers in the form the translation writes (a replay of the translated
//   path's own answers) gets byte-identical answers from both paths: JSON, streams with and
//   without the usage chunk, tool calls, a mid-stream error, and the headers a client reads;
// - OpenAI's own reply form (the fake sends annotations, service_tier in chunks, ...) reaches
//   the client as the upstream sent it, holding every field the translated answer has;
// - a server that names reasoning `reasoning` (vLLM) still gives clients reasoning_content;
// - errors, spend rows and the body the upstream receives match.

import * as assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startFakeOpenAIUpstream, type FakeChatReply, type FakeServer, type RecordedRequest } from '@llmux/fake-upstreams';
import OpenAI from 'openai';
import { httpRequest, type RawResponse } from './helpers/http-request.js';
import { managementClient } from './helpers/management-client.js';
import { startTestGateway, type TestGateway } from './helpers/start-test-gateway.js';
import { waitForSpendRows, type SpendRow } from './helpers/wait-for-spend-rows.js';
import { flushSpendRows } from './helpers/flush-spend-rows.js';

const MASTER_KEY = 'sk-master-passthrough';
const UPSTREAM_KEY = 'sk-upstream-passthrough';
const PRICES = { input_cost_per_token: 0.000_001, output_cost_per_token: 0.000_002 };
const WEATHER_TOOL = { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } };

/** Headers a client reads; the others (date, request ids) differ between any two calls. */
const COMPARED_HEADERS = [
  'content-type',
  'content-length',
  'cache-control',
  'x-litellm-model-group',
  'x-litellm-model-id',
  'x-litellm-response-cost',
  'x-litellm-attempted-retries',
  'x-litellm-attempted-fallbacks',
  'x-llmux-warnings',
];

function replyFor(request: RecordedRequest): FakeChatReply {
  const text = JSON.stringify(request.json);
  if (text.includes('use a tool')) return { toolCalls: [{ name: 'get_weather', arguments: '{"city":"Paris"}' }], finish: 'tool_calls' };
  if (text.includes('fail midway')) return { content: 'one two three four', failAfterChunks: 2 };
  if (text.includes('drop midway')) return { content: 'one two three four', dropAfterChunks: 2 };
  if (text.includes('ünïcödé')) return { content: 'Grüße aus Köln ✓, 你好' };
  if (text.includes('too many'))
    return {
      error: { status: 429, body: { error: { message: 'Rate limit reached', type: 'requests', param: null, code: 'rate_limit_exceeded' } }, headers: { 'retry-after': '7' } },
    };
  return { content: 'Hello there, how can I help?' };
}

/** An OpenAI-format upstream that answers every chat call with the bytes it was given. */
interface ReplayUpstream {
  url: string;
  bodies: unknown[];
  json: string;
  events: string[];
  /**
   * How a stream is written: one write per event, a tick apart (as OpenAI sends them); every
   * event's write in one burst (one socket read holding many HTTP chunks, as the bench's
   * upstream sends a short answer); or the bytes cut into writes of N bytes, a tick apart.
   */
  writes: 'event' | 'burst' | number;
  close(): Promise<void>;
}

async function startReplayUpstream(): Promise<ReplayUpstream> {
  const state: ReplayUpstream = { url: '', bodies: [], json: '{}', events: [], writes: 'event', close: () => Promise.resolve() };
  const server: Server = createServer((request, response) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(parts).toString('utf8')) as Record<string, unknown>;
      state.bodies.push(body);
      if (body['stream'] !== true) {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(state.json) });
        response.end(state.json);
        return;
      }
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      if (state.writes === 'burst') {
        response.cork();
        for (const event of state.events) response.write(event);
        response.uncork();
        return void response.end();
      }
      const pieces = typeof state.writes === 'number' ? cutBytes(state.events.join(''), state.writes) : [...state.events];
      const next = (): void => {
        const piece = pieces.shift();
        if (piece === undefined) return void response.end();
        response.write(piece, () => setImmediate(next));
      };
      next();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise((resolve) => server.close(() => resolve()));
  return state;
}

function modelList(fake: FakeServer, replay: ReplayUpstream, vllm: FakeServer): unknown[] {
  return [
    // A self-hosted server behind openai/ that names reasoning `reasoning` (vLLM).
    { model_name: 'vllm', litellm_params: { model: 'openai/qwen3', api_base: `${vllm.url}/v1`, api_key: UPSTREAM_KEY } },
    { model_name: 'gpt', litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${fake.url}/v1`, api_key: UPSTREAM_KEY, ...PRICES } },
    { model_name: 'canon', litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${replay.url}/v1`, api_key: UPSTREAM_KEY, ...PRICES } },
  ];
}

const picked = (headers: IncomingHttpHeaders): Record<string, unknown> => Object.fromEntries(COMPARED_HEADERS.map((name) => [name, headers[name]]));

/** Ids and timestamps the fake makes anew for each call. */
const normalized = (text: string): string =>
  text
    .replace(/"id":"chatcmpl-[^"]*"/g, '"id":"ID"')
    .replace(/"created":\d+/g, '"created":0')
    .replace(/"id":"call_[^"]*"/g, '"id":"CALL"');

/** True when every member of `part` is in `whole` with the same value (arrays element by element). */
function isPartOf(part: unknown, whole: unknown): boolean {
  if (part === null || typeof part !== 'object') return Object.is(part, whole);
  if (whole === null || typeof whole !== 'object') return false;
  if (Array.isArray(part)) return Array.isArray(whole) && part.length === whole.length && part.every((item, index) => isPartOf(item, whole[index]));
  return Object.entries(part).every(([key, value]) => isPartOf(value, (whole as Record<string, unknown>)[key]));
}

const dataEvents = (text: string): unknown[] =>
  text
    .split('\n\n')
    .filter((event) => event.startsWith('data: {'))
    .map((event) => JSON.parse(event.slice(6)) as unknown);

describe('chat passthrough answers as the translated path does', () => {
  let fake: FakeServer;
  let replay: ReplayUpstream;
  let vllm: FakeServer;
  let through: TestGateway;
  let translated: TestGateway;
  const keys = { through: '', translated: '' };

  before(async () => {
    fake = await startFakeOpenAIUpstream({ apiKey: UPSTREAM_KEY, reply: replyFor });
    replay = await startReplayUpstream();
    vllm = await startFakeOpenAIUpstream({ apiKey: UPSTREAM_KEY, reasoningField: 'reasoning', reply: () => ({ reasoning: 'Two and two make four.', content: 'Four.' }) });
    through = await startTestGateway({ model_list: modelList(fake, replay, vllm), general_settings: { master_key: MASTER_KEY } });
    translated = await startTestGateway({ model_list: modelList(fake, replay, vllm), general_settings: { master_key: MASTER_KEY, chat_passthrough: false } });
    for (const [name, gateway] of [
      ['through', through],
      ['translated', translated],
    ] as const) {
      const generated = await managementClient(gateway.url, MASTER_KEY).post('/key/generate', {});
      keys[name] = String(generated.body['key']);
    }
  });
  after(async () => {
    await through.close();
    await translated.close();
    await fake.close();
    await replay.close();
    await vllm.close();
  });

  const post = (gateway: TestGateway, body: Record<string, unknown>): Promise<RawResponse> =>
    httpRequest(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gateway === through ? keys.through : keys.translated}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const both = async (body: Record<string, unknown>): Promise<[RawResponse, RawResponse]> => [await post(through, body), await post(translated, body)];
  const chat = (model: string, content: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ model, messages: [{ role: 'user', content }], ...extra });

  const assertSameAnswer = (a: RawResponse, b: RawResponse): void => {
    assert.equal(a.status, b.status);
    assert.deepEqual(picked(a.headers), picked(b.headers));
    assert.equal(a.text, b.text);
  };

  /** Records the translated path's answer for `body` (on the realistic fake) as the replay upstream's. */
  const replayTranslated = async (body: Record<string, unknown>): Promise<void> => {
    const answer = await post(translated, { ...body, model: 'gpt' });
    assert.equal(answer.status, 200, answer.text);
    if (body['stream'] === true)
      replay.events = answer.text
        .split('\n\n')
        .filter((event) => event !== '')
        .map((event) => `${event}\n\n`);
    else replay.json = answer.text;
  };

  it('answers a canonical chat.completion byte for byte as the translated path does', async () => {
    await replayTranslated(chat('gpt', 'hi'));
    const [a, b] = await both(chat('canon', 'hi', { temperature: 0.2, max_tokens: 50 }));
    assertSameAnswer(a, b);
    assert.equal(a.text, replay.json, 'the upstream’s bytes');
    assert.equal(a.headers['content-type'], 'application/json');
    assert.ok(Number(a.headers['x-litellm-response-cost']) > 0, 'priced from the usage read in the bytes');
  });

  it('answers a tool call byte for byte', async () => {
    await replayTranslated(chat('gpt', 'use a tool', { tools: [WEATHER_TOOL] }));
    const [a, b] = await both(chat('canon', 'use a tool', { tools: [WEATHER_TOOL], tool_choice: 'auto' }));
    assertSameAnswer(a, b);
    assert.match(a.text, /"tool_calls":\[/);
  });

  for (const includeUsage of [false, true]) {
    it(`streams byte for byte ${includeUsage ? 'with' : 'without'} the usage chunk the client ${includeUsage ? 'asked' : 'did not ask'} for`, async () => {
      // The upstream is always asked for usage (to price the call), so it always sends the usage chunk.
      await replayTranslated(chat('gpt', 'hi', { stream: true, stream_options: { include_usage: true } }));
      const options = includeUsage ? { stream: true, stream_options: { include_usage: true } } : { stream: true };
      const [a, b] = await both(chat('canon', 'hi', options));
      assertSameAnswer(a, b);
      assert.equal(a.text.includes('"usage":{'), includeUsage);
      assert.ok(a.text.endsWith('data: [DONE]\n\n'));
      const sent = replay.bodies.at(-2) as Record<string, unknown>;
      assert.deepEqual(sent['stream_options'], { include_usage: true }, 'usage asked of the upstream either way');
    });
  }

  // The passthrough joins what arrives in one socket read into one write, and cuts the usage
  // chunk out of it by byte position; reads that split events (and UTF-8 characters) anywhere
  // must still give the same bytes.
  for (const writes of ['burst', 7, 1] as const) {
    it(`streams byte for byte when the upstream's stream arrives ${writes === 'burst' ? 'in one read' : `in ${writes}-byte pieces`}`, async () => {
      try {
        for (const prompt of ['hi, ünïcödé ✓', 'use a tool', 'fail midway']) {
          const extra = prompt === 'use a tool' ? { tools: [WEATHER_TOOL] } : {};
          await replayTranslated(chat('gpt', prompt, { ...extra, stream: true, stream_options: { include_usage: true } }));
          replay.writes = writes;
          for (const options of [{ stream: true }, { stream: true, stream_options: { include_usage: true } }]) {
            const [a, b] = await both(chat('canon', prompt, { ...extra, ...options }));
            assertSameAnswer(a, b);
            assert.equal(a.text.includes('"usage":{'), 'stream_options' in options && prompt !== 'fail midway', prompt);
          }
          replay.writes = 'event';
        }
      } finally {
        replay.writes = 'event';
      }
    });
  }

  it('streams a tool call byte for byte', async () => {
    await replayTranslated(chat('gpt', 'use a tool', { tools: [WEATHER_TOOL], stream: true, stream_options: { include_usage: true } }));
    const [a, b] = await both(chat('canon', 'use a tool', { tools: [WEATHER_TOOL], stream: true }));
    assertSameAnswer(a, b);
    assert.match(a.text, /"arguments":"/);
  });

  it('ends a stream whose upstream sends an error event with the same terminal event, byte for byte', async () => {
    await replayTranslated(chat('gpt', 'fail midway', { stream: true, stream_options: { include_usage: true } }));
    assert.match(replay.events.at(-1) ?? '', /^data: \{"error"/, 'the recording ends on the error event');
    const [a, b] = await both(chat('canon', 'fail midway', { stream: true }));
    assertSameAnswer(a, b);
    assert.ok(!a.text.includes('[DONE]'));
    // From OpenAI's own form too: the same events, ending on the gateway's error event.
    const [s, t] = await both(chat('gpt', 'fail midway', { stream: true }));
    const [passed, converted] = [dataEvents(normalized(s.text)), dataEvents(normalized(t.text))];
    assert.equal(passed.length, converted.length);
    converted.forEach((event, index) => assert.ok(isPartOf(event, passed[index]), JSON.stringify([event, passed[index]])));
    assert.deepEqual(passed.at(-1), converted.at(-1));
  });

  it('ends a stream whose upstream drops with an error event of the same type, no [DONE]', async () => {
    const [a, b] = await both(chat('gpt', 'drop midway', { stream: true }));
    const lastOf = (response: RawResponse) => dataEvents(response.text).at(-1) as { error?: { type: string; code: string | null } };
    assert.equal(a.status, b.status);
    assert.ok(!a.text.includes('[DONE]') && !b.text.includes('[DONE]'));
    assert.equal(lastOf(a).error?.type, lastOf(b).error?.type);
    assert.equal(lastOf(a).error?.code, lastOf(b).error?.code);
  });

  it('answers an upstream error as the translated path does', async () => {
    const [a, b] = await both(chat('gpt', 'too many'));
    assert.equal(a.status, 429);
    assertSameAnswer(a, b);
    assert.equal(a.headers['retry-after'], b.headers['retry-after']);
  });

  it('passes OpenAI’s reply as sent, holding every field of the translated answer', async () => {
    const [a, b] = await both(chat('gpt', 'hi'));
    assert.equal(a.status, 200);
    assert.equal(
      a.text,
      fake.requests
        .at(-2)
        ?.sent.map((part) => part.toString('utf8'))
        .join(''),
      'the upstream’s bytes',
    );
    assert.ok(isPartOf(JSON.parse(normalized(b.text)), JSON.parse(normalized(a.text))), `${b.text}\n${a.text}`);
    assert.deepEqual(picked(a.headers), { ...picked(b.headers), 'content-length': String(Buffer.byteLength(a.text)) });
    const [s, t] = await both(chat('gpt', 'hi', { stream: true }));
    const [streamed, converted] = [dataEvents(normalized(s.text)), dataEvents(normalized(t.text))];
    assert.equal(streamed.length, converted.length);
    converted.forEach((event, index) => assert.ok(isPartOf(event, streamed[index]), JSON.stringify([event, streamed[index]])));
  });

  it('gives a server’s `reasoning` as reasoning_content, as the translation does', async () => {
    const [a, b] = await both(chat('vllm', 'think'));
    const messageOf = (response: RawResponse) => (response.json as { choices: Array<{ message: Record<string, unknown> }> }).choices[0]?.message;
    assert.equal(messageOf(a)?.['reasoning_content'], 'Two and two make four.');
    assert.equal(messageOf(a)?.['reasoning'], undefined);
    assert.deepEqual(pickFields(messageOf(a)), pickFields(messageOf(b)));
    const [s, t] = await both(chat('vllm', 'think', { stream: true }));
    const reasoningOf = (text: string) =>
      dataEvents(text)
        .map((event) => (event as { choices: Array<{ delta: { reasoning_content?: string } }> }).choices[0]?.delta.reasoning_content ?? '')
        .join('');
    assert.ok(!s.text.includes('"reasoning":'));
    assert.equal(reasoningOf(s.text), 'Two and two make four.');
    assert.equal(reasoningOf(s.text), reasoningOf(t.text));
  });

  it('sends the upstream the client’s body with only model (and a stream’s usage request) set', async () => {
    const body = chat('canon', 'hi', { temperature: 0.3, top_k: 5, user: 'u-1', fallbacks: ['gpt'], metadata: { run: 'a' } });
    await post(through, body);
    const sent = replay.bodies.at(-1) as Record<string, unknown>;
    assert.equal(sent['model'], 'gpt-4o-mini');
    assert.equal(sent['temperature'], 0.3);
    assert.equal(sent['top_k'], 5, 'an extra reaches the provider as sent');
    assert.equal(sent['fallbacks'], undefined, 'routing fields stay in the gateway');
    await post(translated, body);
    assert.deepEqual(without(replay.bodies.at(-1), ['stream']), without(sent, ['stream']), 'the same fields either path');
  });

  it('translates a call whose earlier turns carry reasoning the translation leaves out', async () => {
    const messages = [
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'hello', reasoning_content: 'greet back' },
      { role: 'user', content: 'again' },
    ];
    const answer = await post(through, { model: 'canon', messages });
    assert.equal(answer.status, 200);
    const sent = replay.bodies.at(-1) as { messages: Array<Record<string, unknown>> };
    assert.equal(sent.messages[1]?.['reasoning_content'], undefined);
    assert.equal((await post(translated, { model: 'canon', messages })).text, answer.text);
  });

  it('writes the same spend rows either path', async () => {
    const admin = (gateway: TestGateway) => managementClient(gateway.url, MASTER_KEY);
    // Every row of both gateways written before they are read (rows are written in batches).
    for (const gateway of [through, translated]) await flushSpendRows(gateway.gateway);
    const rowsOf = async (gateway: TestGateway, key: string): Promise<SpendRow[]> => waitForSpendRows(admin(gateway), key, 1);
    const comparable = (rows: SpendRow[]) =>
      rows
        .map((row) => ({
          status: row.status,
          spend: row.spend,
          model_group: row.model_group,
          prompt_tokens: row.prompt_tokens,
          completion_tokens: row.completion_tokens,
          call_type: row.metadata?.['call_type'],
        }))
        .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
    const [a, b] = [await rowsOf(through, keys.through), await rowsOf(translated, keys.translated)];
    assert.ok(a.length >= 10, `${a.length} rows`);
    // The translated gateway also served the replay's recordings; compare the rows of calls both served.
    const served = comparable(a);
    const all = comparable(b);
    for (const row of served) {
      const index = all.findIndex((other) => JSON.stringify(other) === JSON.stringify(row));
      assert.ok(index !== -1, `no translated row like ${JSON.stringify(row)} among ${JSON.stringify(comparable(b))}`);
      all.splice(index, 1);
    }
  });

  it('serves the official client through the passthrough, streams and tools included', async () => {
    const client = new OpenAI({ apiKey: keys.through, baseURL: `${through.url}/v1`, maxRetries: 0 });
    const completion = await client.chat.completions.create({ model: 'gpt', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(completion.choices[0]?.message.content, 'Hello there, how can I help?');
    assert.equal(completion.usage?.total_tokens, (completion.usage?.prompt_tokens ?? 0) + (completion.usage?.completion_tokens ?? 0));
    const stream = await client.chat.completions.create({
      model: 'gpt',
      messages: [{ role: 'user', content: 'use a tool' }],
      tools: [WEATHER_TOOL as OpenAI.ChatCompletionTool],
      stream: true,
    });
    let args = '';
    for await (const chunk of stream) args += chunk.choices[0]?.delta.tool_calls?.[0]?.function?.arguments ?? '';
    assert.equal(args, '{"city":"Paris"}');
  });
});

/** `text`'s UTF-8 bytes in pieces of `size` (a character may be cut). */
function cutBytes(text: string, size: number): Buffer[] {
  const bytes = Buffer.from(text);
  const pieces: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) pieces.push(bytes.subarray(at, at + size));
  return pieces;
}

function pickFields(message: Record<string, unknown> | undefined): Record<string, unknown> {
  return { role: message?.['role'], content: message?.['content'], reasoning_content: message?.['reasoning_content'] };
}

function without(value: unknown, keys: readonly string[]): Record<string, unknown> {
  const copy = { ...(value as Record<string, unknown>) };
  for (const key of keys) delete copy[key];
  return copy;
}
