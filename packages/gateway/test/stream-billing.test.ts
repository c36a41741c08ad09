// No free streams (issue #15, finding 2): a stream that ends without the upstream's usage
// (the client hangs up before the usage chunk, the gateway shuts down) is billed from what
// it delivered, and its spend row says how it ended and is no success. Figure held: a key
// with a $0.00001 budget gets at most 2 of 20 long streams it hangs up on (it was 20).

import * as assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { startFakeServer, type FakeServer } from '@llmux/fake-upstreams';
import { managementClient, type ManagementClient } from './helpers/management-client.js';
import { MODELS, startMessagesGateway } from './helpers/messages-gateway.js';
import { RESPONSES_MODELS, startResponsesGateway } from './helpers/responses-gateway.js';
import { startTestGateway, type TestGateway } from './helpers/start-test-gateway.js';
import { waitForSpendRows } from './helpers/wait-for-spend-rows.js';

const MASTER_KEY = 'sk-master-stream-billing';
const WORDS = 400;

/** A long, slow OpenAI stream: a word every 5 ms, usage only at its very end. */
function startLongStreamUpstream(): Promise<FakeServer> {
  return startFakeServer(async (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    const frame = (payload: unknown): string => `data: ${JSON.stringify(payload)}\n\n`;
    const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
      id: 'chatcmpl-long',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'gpt-4o-mini',
      choices: [{ index: 0, delta, finish_reason: finish }],
    });
    response.write(frame(chunk({ role: 'assistant', content: '' })));
    for (let index = 0; index < WORDS && !response.destroyed; index += 1) {
      response.write(frame(chunk({ content: `word${index} ` })));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    if (response.destroyed) return;
    response.write(frame(chunk({}, 'stop')));
    response.write(
      frame({
        id: 'chatcmpl-long',
        object: 'chat.completion.chunk',
        created: 1,
        model: 'gpt-4o-mini',
        choices: [],
        usage: { prompt_tokens: 9, completion_tokens: WORDS * 3, total_tokens: 9 + WORDS * 3 },
      }),
    );
    response.end('data: [DONE]\n\n');
  });
}

/** Starts a stream, reads `events` data events, then hangs up. Resolves with the status. */
function readThenHangUp(url: string, key: string, events: number, requestId: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      `${url}/v1/chat/completions`,
      { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'x-request-id': requestId } },
      (incoming) => {
        if (incoming.statusCode !== 200) {
          incoming.resume();
          incoming.on('end', () => resolve(incoming.statusCode ?? 0));
          return;
        }
        let seen = 0;
        incoming.setEncoding('utf8');
        incoming.on('data', (text: string) => {
          seen += text.split('data: {').length - 1;
          if (seen >= events) {
            outgoing.destroy();
            resolve(200);
          }
        });
      },
    );
    outgoing.on('error', (error) => (outgoing.destroyed ? undefined : reject(error)));
    outgoing.end(JSON.stringify({ model: 'long', stream: true, messages: [{ role: 'user', content: 'tell me a very long story' }] }));
  });
}

describe('streams cut short are billed', () => {
  let upstream: FakeServer;
  let gateway: TestGateway;
  let admin: ManagementClient;

  before(async () => {
    upstream = await startLongStreamUpstream();
    gateway = await startTestGateway({
      model_list: [{ model_name: 'long', litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${upstream.url}/v1`, api_key: 'sk-upstream' } }],
      general_settings: { master_key: MASTER_KEY },
    });
    admin = managementClient(gateway.url, MASTER_KEY);
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  const rowsOf = async (
    key: string,
    count: number,
  ): Promise<Array<{ request_id?: string; spend?: number; status?: string; completion_tokens?: number; prompt_tokens?: number; metadata?: Record<string, unknown> }>> => {
    let rows: Awaited<ReturnType<typeof rowsOf>> = [];
    for (let attempt = 0; attempt < 150 && rows.length < count; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const logs = await admin.get(`/spend/logs?api_key=${encodeURIComponent(key)}`);
      rows = (Array.isArray(logs.body) ? logs.body : ((logs.body as { data?: unknown[] }).data ?? [])) as typeof rows;
    }
    return rows;
  };

  it('bills a stream the client left before the usage chunk, and says so', async () => {
    const key = String((await admin.post('/key/generate', {})).body['key']);
    assert.equal(await readThenHangUp(gateway.url, key, 50, 'hang-up-billed'), 200);
    const [row] = await rowsOf(key, 1);
    assert.ok(row !== undefined, 'a spend row');
    assert.ok((row.spend ?? 0) > 0, `spend ${row.spend}`);
    assert.notEqual(row.status, 'success');
    assert.ok((row.completion_tokens ?? 0) >= 40, `completion tokens ${row.completion_tokens}: counted from the ~50 words sent`);
    assert.ok((row.completion_tokens ?? 0) < WORDS, 'not the whole reply: only what was delivered');
    assert.ok((row.prompt_tokens ?? 0) > 0, 'prompt tokens from the request');
    assert.equal(row.metadata?.['call_end'], 'client_disconnected');
    assert.equal(row.metadata?.['usage_counted'], true);
  });

  it('stops a key with a tiny budget after its first cut-short streams (20 tries)', async () => {
    const key = String((await admin.post('/key/generate', { max_budget: 0.000_01 })).body['key']);
    const statuses: number[] = [];
    for (let index = 0; index < 20; index += 1) {
      statuses.push(await readThenHangUp(gateway.url, key, 60, `budget-${index}`));
      // The settlement runs as the gateway sees the hang-up; give it that moment.
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const served = statuses.filter((status) => status === 200).length;
    assert.ok(served <= 2, `served ${served} of 20: ${statuses.join(',')}`);
    assert.equal(statuses.at(-1), 429);
  });

  it('ends open streams with a terminal error at shutdown, and bills what they sent', async () => {
    const own = await startTestGateway({
      model_list: [{ model_name: 'long', litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${upstream.url}/v1`, api_key: 'sk-upstream' } }],
    });
    let closing: Promise<void> | undefined;
    const received = new Promise<string>((resolve, reject) => {
      const outgoing = request(
        `${own.url}/v1/chat/completions`,
        { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'cut-by-shutdown' } },
        (incoming) => {
          let text = '';
          incoming.setEncoding('utf8');
          incoming.on('data', (part: string) => (text += part));
          incoming.on('end', () => resolve(text));
          incoming.on('error', () => resolve(text));
          incoming.once('data', () => (closing = own.close()));
        },
      );
      outgoing.on('error', reject);
      outgoing.end(JSON.stringify({ model: 'long', stream: true, messages: [{ role: 'user', content: 'a long story please' }] }));
    });
    const text = await received;
    await closing;
    const lastEvent = text.trim().split('\n\n').at(-1) ?? '';
    assert.match(lastEvent, /^data: \{"error":/);
    assert.match(lastEvent, /shutting down/);
    assert.ok(!text.includes('[DONE]'));
    // The only call this gateway served (its request id is its own; the client's is kept apart).
    const line = own.logs.records().find((record) => record['path'] === '/v1/chat/completions');
    assert.equal(line?.['callEnd'], 'shutdown');
    assert.ok(Number(line?.['cost']) > 0, `cost ${String(line?.['cost'])}`);
    assert.ok(Number(line?.['completionTokens']) > 0);
  });
});

describe('passed-through Anthropic streams cut short are billed', () => {
  it('bills the deltas a native stream delivered before the upstream cut it', async () => {
    const story = Array.from({ length: 60 }, (_, index) => `sentence number ${index} of a long story.`).join(' ');
    const world = await startMessagesGateway(() => ({ content: story, dropAfterChunks: 4, usage: { promptTokens: 50, completionTokens: 900 } }));
    try {
      const key = String((await world.admin.post('/key/generate', {})).body['key']);
      const stream = world.client(key).messages.stream({ model: MODELS.anthropic, max_tokens: 1_024, messages: [{ role: 'user', content: 'a long story' }] });
      await assert.rejects(stream.finalMessage());
      const [row] = await waitForSpendRows(world.admin, key, 1);
      assert.ok(row !== undefined, 'a spend row');
      assert.equal(row.metadata?.['call_end'], 'upstream_cut');
      assert.notEqual(row.status, 'success');
      assert.equal(row.prompt_tokens, 50, 'input tokens from message_start');
      assert.ok((row.completion_tokens ?? 0) > 0 && (row.completion_tokens ?? 0) < 900, `completion tokens ${row.completion_tokens}: counted from the deltas sent`);
      assert.ok((row.spend ?? 0) > 0);
    } finally {
      await world.close();
    }
  });
});

describe('passed-through Responses streams cut short are billed', () => {
  it('bills the deltas delivered and the prompt counted from the request (Responses reports input tokens only at its end)', async () => {
    const story = Array.from({ length: 60 }, (_, index) => `sentence number ${index} of a long story.`).join(' ');
    const world = await startResponsesGateway(() => ({ content: story, dropAfterChunks: 4, usage: { promptTokens: 50, completionTokens: 900 } }));
    try {
      const key = String((await world.admin.post('/key/generate', {})).body['key']);
      const input = 'Tell me a long story about a lighthouse keeper and the sea, in many sentences.';
      const stream = await world.client(key).responses.create({ model: RESPONSES_MODELS.openai, input, stream: true });
      // The cut reaches the client as a terminal event (or an error thrown by the client).
      const types: string[] = [];
      await (async () => {
        for await (const event of stream) types.push(event.type);
      })().catch((error: unknown) => types.push(`thrown: ${String(error)}`));
      assert.ok(!types.includes('response.completed'), types.join(', '));
      const [row] = await waitForSpendRows(world.admin, key, 1);
      assert.ok(row !== undefined, 'a spend row');
      assert.equal(row.metadata?.['call_end'], 'upstream_cut');
      assert.notEqual(row.status, 'success');
      assert.ok((row.prompt_tokens ?? 0) >= 10, `prompt tokens ${row.prompt_tokens}: counted from the request`);
      assert.ok((row.completion_tokens ?? 0) > 0 && (row.completion_tokens ?? 0) < 900, `completion tokens ${row.completion_tokens}: counted from the deltas sent`);
      assert.ok((row.spend ?? 0) > 0);
    } finally {
      await world.close();
    }
  });
});
