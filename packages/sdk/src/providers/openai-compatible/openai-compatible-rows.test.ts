// Every OpenAI-compatible row, table-driven: a chat, a stream and a tool call through
// completion() against the fake OpenAI upstream, checking on the fake's side the URL path
// the row's base URL gives, its key header, and each quirk it declares (renamed and
// refused parameters, stream options, tool-call ids, tool choice, reasoning, inline `<think>`
// blocks, fixed headers, URL variables, the version query). A recording front server keeps each row's base path
// (`/v1/openai`, `/client/v4/accounts/…/ai/v1`) and hands the call to the fake at its route.

import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { startBasePathFront, startFakeOpenAIUpstream, type FakeServer, type RecordedRequest } from '@llmux/fake-upstreams';
import { UnsupportedParamsError, completion, type ChatMessage, type ChatParameterName } from '../../index.js';
import type { OpenAIProviderConfig } from '../openai/openai-provider-config.js';
import { OPENAI_COMPATIBLE_PROVIDERS } from './openai-compatible-providers.js';
import { collectStream } from '../__fixtures__/collect-stream.js';

const TOOLS = [{ type: 'function' as const, function: { name: 'weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];
const API_VERSION = '2024-05-01-preview';

/** The path part of a row's base URL, placeholders kept (Snowflake's sits in the host). */
function basePathOf(row: OpenAIProviderConfig): string {
  return (row.apiBase ?? '/v1').replace(/^https?:\/\/[^/]+/, '');
}

function settingsOf(row: OpenAIProviderConfig): Record<string, string> {
  return Object.fromEntries((row.baseUrlVariables ?? []).map((variable) => [variable.setting, `acct-${row.id}`]));
}

function expectedPath(row: OpenAIProviderConfig): string {
  let path = `/${row.id}${basePathOf(row)}/chat/completions`;
  for (const variable of row.baseUrlVariables ?? []) path = path.split(`{${variable.name}}`).join(`acct-${row.id}`);
  return row.apiVersionQuery === undefined ? path : `${path}?${row.apiVersionQuery}=${API_VERSION}`;
}

function supports(row: OpenAIProviderConfig, param: ChatParameterName): boolean {
  return !(row.unsupportedParams ?? []).includes(param);
}

describe('every OpenAI-compatible row: chat, stream and tool call on the fake', () => {
  let plain: FakeServer;
  let reasoning: FakeServer;
  let front: FakeServer;
  const rows = OPENAI_COMPATIBLE_PROVIDERS;
  const thinkTagModels = new Set(rows.filter((row) => row.quirks?.thinkTags === true).map((row) => `model-of-${row.id}`));
  const reply = (request: RecordedRequest) => {
    const body = request.json as Record<string, unknown>;
    if (body['tools'] !== undefined) return { toolCalls: [{ name: 'weather', arguments: '{"city":"Oslo"}' }], finish: 'tool_calls' as const };
    const model = String(body['model']);
    // Rows declaring thinkTags answer as a reasoning model without a parser does: the block inline, streamed word by word.
    if (thinkTagModels.has(model)) return { content: `<think>Thought first.</think>Hello from ${model}` };
    return { content: `Hello from ${model}`, reasoning: 'Thought first.' };
  };

  before(async () => {
    plain = await startFakeOpenAIUpstream({ reply });
    reasoning = await startFakeOpenAIUpstream({ reply, reasoningField: 'reasoning' });
    // The row's id is the first path segment, so the front knows which fake speaks its dialect.
    const reasoningRows = new Set(rows.filter((row) => row.quirks?.reasoningField !== undefined).map((row) => row.id));
    front = await startBasePathFront((request) => (reasoningRows.has(request.url.split('/')[1] ?? '') ? reasoning : plain));
  });
  after(async () => {
    await front.close();
    await plain.close();
    await reasoning.close();
  });

  const callOf = (row: OpenAIProviderConfig, extra: Record<string, unknown> = {}) => ({
    model: `${row.id}/model-of-${row.id}`,
    api_base: `${front.url}/${row.id}${basePathOf(row)}`,
    api_key: `key-for-${row.id}`,
    ...(row.apiVersionQuery === undefined ? {} : { api_version: API_VERSION }),
    ...settingsOf(row),
    messages: [{ role: 'user', content: 'hi' }] as ChatMessage[],
    ...extra,
  });

  const assertWireBasics = (row: OpenAIProviderConfig, sent: RecordedRequest | undefined) => {
    assert.ok(sent !== undefined, `${row.id}: the fake saw the call`);
    assert.equal(sent.url, expectedPath(row), `${row.id}: URL path`);
    const header = row.authHeader ?? { name: 'authorization', prefix: 'Bearer ' };
    assert.equal(sent.headers[header.name.toLowerCase()], `${header.prefix}key-for-${row.id}`, `${row.id}: key header`);
    for (const [name, value] of Object.entries(row.fixedHeaders ?? {})) assert.equal(sent.headers[name.toLowerCase()], value, `${row.id}: fixed header ${name}`);
    const body = sent.json as Record<string, unknown>;
    assert.equal(body['model'], `model-of-${row.id}`, `${row.id}: model without the prefix`);
    return body;
  };

  it(`covers ${rows.length} rows with distinct ids`, () => {
    assert.equal(new Set(rows.map((row) => row.id)).size, rows.length);
    assert.ok(rows.length >= 70, `only ${rows.length} rows`);
  });

  for (const row of rows) {
    const renames = Object.entries(row.quirks?.renameParams ?? {});

    it(`${row.id}: chat, with its renamed parameters`, async () => {
      const params: Record<string, unknown> = { max_completion_tokens: 64 };
      if (supports(row, 'seed')) params['seed'] = 7;
      const response = await completion(callOf(row, params));
      const body = assertWireBasics(row, front.requests.at(-1));
      assert.equal(response.choices[0]?.message.content, `Hello from model-of-${row.id}`);
      for (const [from, to] of renames) {
        if (!(from in params)) continue;
        assert.equal(body[to], params[from], `${row.id}: ${from} sent as ${to}`);
        assert.equal(body[from], undefined, `${row.id}: ${from} not sent under its own name`);
      }
      if (renames.length === 0) assert.equal(body['max_completion_tokens'], 64);
      if (row.quirks?.reasoningField !== undefined || row.quirks?.thinkTags === true)
        assert.equal(response.choices[0]?.message.reasoning_content, 'Thought first.', `${row.id}: reasoning read from ${row.quirks.reasoningField ?? 'the <think> block'}`);
    });

    it(`${row.id}: stream`, async () => {
      const stream = await completion({ ...callOf(row), stream: true });
      const chunks = await collectStream(stream);
      const body = assertWireBasics(row, front.requests.at(-1));
      assert.equal(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), `Hello from model-of-${row.id}`);
      if (row.quirks?.thinkTags === true)
        assert.equal(chunks.map((chunk) => chunk.choices[0]?.delta.reasoning_content ?? '').join(''), 'Thought first.', `${row.id}: the <think> block streamed as reasoning`);
      assert.equal(body['stream'], true);
      if (row.quirks?.omitStreamOptions === true) assert.equal(body['stream_options'], undefined, `${row.id}: no stream_options`);
      else assert.deepEqual(body['stream_options'], { include_usage: true }, `${row.id}: usage asked for`);
    });

    it(`${row.id}: tool call, with its tool-call ids, tool choice and reasoning history`, async () => {
      const history: ChatMessage[] = [
        { role: 'user', content: 'Weather in Oslo?' },
        {
          role: 'assistant',
          content: '',
          reasoning_content: 'Earlier thought.',
          tool_calls: [{ id: 'call_history_1', type: 'function', function: { name: 'weather', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 'call_history_1', content: 'sunny' },
      ];
      const call = callOf(row, { messages: history, tools: TOOLS, tool_choice: 'required' });
      if (!supports(row, 'tools')) {
        const before = front.requests.length;
        await assert.rejects(completion(call), (error: unknown) => error instanceof UnsupportedParamsError && /tools/.test(error.message));
        assert.equal(front.requests.length, before, `${row.id}: a refused call is not sent`);
        return;
      }
      const response = await completion(call);
      const body = assertWireBasics(row, front.requests.at(-1));
      const toolCalls = response.choices[0]?.message.tool_calls;
      assert.equal(toolCalls?.[0]?.function.name, 'weather');
      assert.equal(toolCalls?.[0]?.function.arguments, '{"city":"Oslo"}');
      assert.equal(response.choices[0]?.finish_reason, 'tool_calls');
      const wireMessages = body['messages'] as Array<Record<string, unknown>>;
      const wireId = row.quirks?.toolCallId?.('call_history_1') ?? 'call_history_1';
      assert.deepEqual((wireMessages[1]?.['tool_calls'] as Array<Record<string, unknown>>)[0]?.['id'], wireId, `${row.id}: tool-call id on the wire`);
      assert.equal(wireMessages[2]?.['tool_call_id'], wireId);
      assert.equal(
        wireMessages[1]?.['reasoning_content'],
        row.quirks?.sendReasoningContent === true ? 'Earlier thought.' : undefined,
        `${row.id}: earlier reasoning sent back only where declared`,
      );
      assert.deepEqual(body['tool_choice'], row.quirks?.toolChoice?.('required') ?? 'required', `${row.id}: tool_choice`);
    });

    const refused = row.unsupportedParams?.find((param) => param !== 'tools' && param !== 'tool_choice');
    if (refused !== undefined) {
      it(`${row.id}: refuses ${refused} before sending`, async () => {
        const before = front.requests.length;
        const value =
          refused === 'n'
            ? 2
            : refused === 'logprobs' || refused === 'parallel_tool_calls'
              ? true
              : refused === 'metadata' || refused === 'logit_bias'
                ? { k: 'v' }
                : refused === 'reasoning_effort'
                  ? 'low'
                  : refused === 'stop'
                    ? ['x']
                    : refused === 'service_tier'
                      ? 'auto'
                      : refused === 'user'
                        ? 'u1'
                        : 1;
        await assert.rejects(completion(callOf(row, { [refused]: value })), (error: unknown) => error instanceof UnsupportedParamsError && error.message.includes(refused));
        assert.equal(front.requests.length, before);
      });
    }
  }
});
