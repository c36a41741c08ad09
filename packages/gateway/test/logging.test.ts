// The request log line: identity fields (alias, never the key), usage and timings; at
// debug level (--detailed_debug) request headers appear with every secret redacted.

import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startFakeOpenAIUpstream, type FakeServer } from '@llmux/fake-upstreams';
import OpenAI from 'openai';
import { createGateway, parseConfig, type Gateway } from '../src/index.js';
import { parseCliArgs } from '../src/cli/parse-cli-args.js';
import { createLogger } from '../src/logging/create-logger.js';

const MASTER_KEY = 'sk-master-logging-secret';

describe('request log lines at debug level', () => {
  let upstream: FakeServer;
  let gateway: Gateway;
  let url: string;
  const lines: string[] = [];

  const env = { ...process.env, REDIS_URL: '', DATABASE_URL: '', LLMUX_HOME: mkdtempSync(join(tmpdir(), 'llmux-logging-')) };

  before(async () => {
    upstream = await startFakeOpenAIUpstream({ reply: () => ({ content: 'hello', usage: { promptTokens: 7, completionTokens: 3 } }) });
    const { config } = parseConfig(
      {
        model_list: [
          {
            model_name: 'gpt-log',
            litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${upstream.url}/v1`, api_key: 'sk-up', input_cost_per_token: 0.01, output_cost_per_token: 0.02 },
          },
        ],
        general_settings: { master_key: MASTER_KEY },
      },
      'test',
      env,
    );
    const logger = createLogger('debug', { write: (line: string) => void lines.push(line) });
    gateway = createGateway({ config, logger, closeGraceMs: 200, env });
    url = await gateway.listen(0, '127.0.0.1');
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
    rmSync(env.LLMUX_HOME, { recursive: true, force: true });
  });

  it('writes one line with usage, cost and timings, and redacts the key', async () => {
    const client = new OpenAI({ apiKey: MASTER_KEY, baseURL: `${url}/v1`, maxRetries: 0, defaultHeaders: { cookie: 'session=abc' } });
    const stream = await client.chat.completions.create({ model: 'gpt-log', messages: [{ role: 'user', content: 'hi' }], stream: true, stream_options: { include_usage: true } });
    for await (const chunk of stream) void chunk;
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((record) => record['msg'] === 'request');
    assert.equal(records.length, 1);
    const line = records[0] as Record<string, unknown> & { request: { headers: Record<string, string> } };
    assert.equal(line['status'], 200);
    assert.equal(line['modelGroup'], 'gpt-log');
    assert.equal(line['upstreamModel'], 'gpt-4o-mini');
    assert.equal(line['promptTokens'], 7);
    assert.equal(line['completionTokens'], 3);
    assert.ok(Math.abs((line['cost'] as number) - 0.13) < 1e-9);
    assert.equal(typeof line['timeToFirstTokenMs'], 'number');
    assert.equal(line.request.headers['authorization'], '[redacted]');
    assert.equal(line.request.headers['cookie'], '[redacted]');
    assert.ok(!lines.join('\n').includes(MASTER_KEY), 'the key never reaches the log');
    assert.ok(!lines.join('\n').includes('sk-up'), 'nor the upstream key');
  });
});

describe('--detailed_debug', () => {
  it('is parsed as a serve option', () => {
    const command = parseCliArgs(['--model', 'openai/gpt-4o-mini', '--detailed_debug']);
    assert.equal(command.kind === 'serve' && command.detailedDebug, true);
  });
});
