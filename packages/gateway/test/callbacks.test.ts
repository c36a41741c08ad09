// Logging callbacks: a generic_api webhook receives batched StandardLoggingPayloads for
// calls made with a virtual key (alias and hash, never the key), failures go to
// failure_callback, the `file` callback writes JSON lines, and the queue retries and drops.

import * as assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { BatchQueue } from '../src/observability/callbacks/batch-queue.js';
import { startCaptureServer, type CaptureServer } from './helpers/capture-server.js';
import { httpRequest } from './helpers/http-request.js';
import { MASTER_KEY, startLimitsGateway, type LimitsGateway } from './helpers/limits-gateway.js';
import { readMetric } from './helpers/read-metric.js';

/** Batched quickly (every 50 ms) so the tests see the deliveries without waiting. */
function callbackSettings(receiverUrl: string, file: string): Record<string, unknown> {
  return {
    success_callback: ['generic_api', 'file'],
    failure_callback: ['generic_api'],
    callback_settings: {
      generic_api: { endpoint: `${receiverUrl}/log`, headers: { 'x-collector-token': 't0k' }, flush_interval: 0.05 },
      file: { path: file, flush_interval: 0.05 },
    },
  };
}

describe('generic_api and file callbacks', () => {
  let receiver: CaptureServer;
  let gateway: LimitsGateway;
  let file: string;
  let virtualKey: string;

  before(async () => {
    receiver = await startCaptureServer({ failFirst: 1 });
    file = join(await mkdtemp(join(tmpdir(), 'llmux-callbacks-')), 'calls.jsonl');
    // No DATABASE_URL: the gateway's own SQLite store in a temp folder, so virtual keys work.
    gateway = await startLimitsGateway({ settings: { litellm_settings: callbackSettings(receiver.url, file) }, env: { ...process.env, REDIS_URL: '', DATABASE_URL: '' } });
    const created = await httpRequest(`${gateway.url}/key/generate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ key_alias: 'ci-bot' }),
    });
    assert.equal(created.status, 200, created.text);
    virtualKey = (created.json as { key: string }).key;
  });
  after(async () => {
    await gateway.close();
    await receiver.close();
  });

  it('POSTs batched payloads with identity and cost, never a key, and writes JSON lines', async () => {
    const client = new OpenAI({ apiKey: virtualKey, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    await client.chat.completions.create({ model: 'gpt-test', messages: [{ role: 'user', content: 'hi' }] });
    await client.chat.completions.create({ model: 'gpt-test', messages: [{ role: 'user', content: 'hi' }] });
    await assert.rejects(client.chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }] }));
    await receiver.waitFor(1);
    const count = () => receiver.requests.reduce((total, request) => total + (JSON.parse(request.body) as unknown[]).length, 0);
    for (let waited = 0; count() < 3 && waited < 5_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));

    const payloads = receiver.requests.flatMap((request) => JSON.parse(request.body) as Array<Record<string, unknown>>);
    assert.equal(payloads.length, 3, 'the first POST failed and was retried');
    assert.equal(receiver.requests[0]?.headers['x-collector-token'], 't0k');
    const success = payloads.filter((payload) => payload['status'] === 'success');
    assert.equal(success.length, 2);
    const first = success[0] as Record<string, unknown> & { metadata: Record<string, unknown>; hidden_params: Record<string, unknown> };
    assert.equal(first['call_type'], 'acompletion');
    assert.equal(first['model_group'], 'gpt-test');
    assert.equal(first['model'], 'gpt-4o-mini');
    assert.equal(first['model_id'], 'deployment-1');
    assert.equal(first['custom_llm_provider'], 'openai');
    assert.equal(first['prompt_tokens'], 12);
    assert.equal(first['completion_tokens'], 6);
    assert.equal(first['total_tokens'], 18);
    assert.ok(Math.abs((first['response_cost'] as number) - 0.024) < 1e-12);
    assert.ok((first['endTime'] as number) >= (first['startTime'] as number));
    assert.ok((first['startTime'] as number) > 1_600_000_000, 'seconds since the epoch');
    assert.match(String(first['api_base']), /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    assert.equal(first.metadata['user_api_key_alias'], 'ci-bot');
    assert.match(String(first.metadata['user_api_key_hash']), /^[0-9a-f]{64}$/);
    const failure = payloads.find((payload) => payload['status'] === 'failure') as Record<string, unknown>;
    assert.equal(failure['model_group'], 'no-such-model');
    assert.equal((failure['error_information'] as { error_code: string }).error_code, '404');
    const everything = receiver.requests.map((request) => request.body).join('\n');
    assert.ok(!everything.includes(virtualKey), 'the virtual key never leaves the gateway');
    assert.ok(!everything.includes(MASTER_KEY));
    assert.ok(!everything.includes('sk-upstream'));

    const logged = gateway.logs.records().filter((record) => record['msg'] === 'request' && record['modelGroup'] === 'gpt-test');
    assert.equal(logged[0]?.['keyAlias'], 'ci-bot', 'the log line names the key by alias');
    assert.ok(!gateway.logs.lines.join('\n').includes(virtualKey));

    const scrape = await httpRequest(`${gateway.url}/metrics`, { headers: { authorization: `Bearer ${MASTER_KEY}` } });
    assert.equal(readMetric(scrape.text, 'litellm_proxy_total_requests_metric', { api_key_alias: 'ci-bot', status_code: '200' }), 2);
    assert.ok(Math.abs(readMetric(scrape.text, 'litellm_spend_metric', { api_key_alias: 'ci-bot' }) - 0.048) < 1e-12);
    assert.ok(!scrape.text.includes(virtualKey));

    let text = '';
    for (let waited = 0; text.split('\n').length < 3 && waited < 5_000; waited += 20) {
      text = await readFile(file, 'utf8').catch(() => '');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const lines = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.equal(lines.length, 2, 'file is a success_callback only');
    assert.deepEqual(
      lines.map((line) => line['status']),
      ['success', 'success'],
    );
  });
});

describe('BatchQueue', () => {
  it('batches, retries with backoff, and counts drops when full', async () => {
    const batches: number[][] = [];
    const outcomes: string[] = [];
    let failures = 2;
    const queue = new BatchQueue<number>({
      capacity: 5,
      batchSize: 3,
      flushIntervalMs: 10_000,
      retryBaseMs: 1,
      send: async (batch) => {
        if (failures-- > 0) throw new Error('collector down');
        batches.push(batch);
      },
      onOutcome: (outcome, count) => outcomes.push(`${outcome}:${count}`),
    });
    // The first batch leaves the queue at once (it is full); the rest wait behind its retries.
    for (let item = 0; item < 10; item += 1) queue.push(item);
    await queue.close();
    assert.deepEqual(batches, [
      [0, 1, 2],
      [3, 4, 5],
      [6, 7],
    ]);
    assert.deepEqual(outcomes.sort(), ['dropped:1', 'dropped:1', 'sent:2', 'sent:3', 'sent:3']);
  });

  it('gives up after max retries and reports the batch failed', async () => {
    const outcomes: string[] = [];
    const queue = new BatchQueue<number>({
      retryBaseMs: 1,
      maxRetries: 2,
      send: () => Promise.reject(new Error('down')),
      onOutcome: (outcome, count) => outcomes.push(`${outcome}:${count}`),
    });
    queue.push(1);
    await queue.flush();
    assert.deepEqual(outcomes, ['failed:1']);
  });
});
